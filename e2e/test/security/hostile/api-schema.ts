// The graph a client meets: the composed supergraph's API schema (schema/api-schema.graphql, kept current by
// schema:check) extended with the gateway's Subscription type, as the gateway serves it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, extendSchema, parse, type GraphQLSchema } from 'graphql';
import { REPO_ROOT } from '@alpes/database';

export function loadClientSchema(): GraphQLSchema {
  const api = buildSchema(readFileSync(join(REPO_ROOT, 'schema/api-schema.graphql'), 'utf8'));
  const subscriptions = readFileSync(join(REPO_ROOT, 'gateway/src/subscriptions/subscription.graphql'), 'utf8');
  return extendSchema(api, parse(subscriptions), { assumeValidSDL: true }); // @requiresScopes is the gateway's to read
}
