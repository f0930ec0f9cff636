import { readFileSync } from 'node:fs';
import { extendSchema, parse, type GraphQLSchema } from 'graphql';
import type { Logger } from '@alpes/platform';
import { withoutAuthorizationDirectives } from '@alpes/security';

/** subscription.graphql as written: its @authenticated/@requiresScopes are the subscriptions' authorization rules. */
export const SUBSCRIPTION_SDL = parse(readFileSync(new URL('./subscription.graphql', import.meta.url), 'utf8'));
/** What extends the API schema: the same types, without the directives (the schema has no definitions for them). */
const SUBSCRIPTION_TYPES = withoutAuthorizationDirectives(SUBSCRIPTION_SDL);

/** The gateway's API schema plus the Subscription root and its event types (subscription.graphql). */
export function extendWithSubscriptions(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, SUBSCRIPTION_TYPES);
}

/**
 * The schema graphql-ws serves: rebuilt on every gateway schema load or update. A schema that cannot be
 * extended (e.g. a subgraph started declaring its own Subscription) is logged and the previous one is kept.
 */
export class SubscriptionSchema {
  #current: GraphQLSchema | undefined;

  constructor(private readonly logger: Logger) {}

  update(apiSchema: GraphQLSchema): void {
    try {
      this.#current = extendWithSubscriptions(apiSchema);
    } catch (error) {
      this.logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'could not extend the API schema with subscriptions');
    }
  }

  get current(): GraphQLSchema | undefined {
    return this.#current;
  }
}
