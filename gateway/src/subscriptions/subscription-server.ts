import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, print, subscribe, validate, type ExecutionArgs, type ExecutionResult, type GraphQLFieldResolver, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Bus } from '@alpes/messaging';
import type { Logger } from '@alpes/platform';
import { deniedFieldError, type TokenVerifier } from '@alpes/security';
import type { GatewayContext } from '../plugins/authentication.js';
import { FieldAuthorization } from '../plugins/field-authorization.js';
import { rateLimitKeyOf, type GatewayRateLimiter } from '../plugins/rate-limit.js';
import { withoutSchemaSuggestions } from '../plugins/production-errors.js';
import { ConnectionAuthentication } from './connection-authentication.js';
import { CommandStatusTracker } from './command-status.js';
import { openCommandStream } from './command-stream.js';
import { EventHub } from './event-hub.js';
import { EVENT_STREAMS, openEventStream } from './event-streams.js';
import { resolveByResponseKey } from './field-resolution.js';
import { Hydrator, type GatewayOperationRunner } from './hydration.js';
import type { SubscriptionSchema } from './subscription-schema.js';

export interface SubscriptionServerOptions {
  httpServer: Server;
  /** Same path as queries: one endpoint, HTTP POST for queries and mutations, graphql-ws for subscriptions. */
  path?: string;
  schema: SubscriptionSchema;
  apollo: ApolloServer<GatewayContext>;
  bus: Bus;
  /** Verifies connectionParams.authorization at connection_init; its clock tolerance also delays expiry closes. */
  verifier: TokenVerifier;
  clockToleranceSeconds: number;
  /** The rules of every field, subscriptions included (subscription.graphql). */
  authorization: FieldAuthorization;
  logger: Logger;
  /** How far back `comando(correlationId)` knows commands (default 15 min). */
  commandStatusWindowMs?: number;
  /** How long a hydration is shared among clients with the same selection (default 5 000 ms). */
  hydrationMemoTtlMs?: number;
  /** Each subscribe (and each query or mutation sent over the socket) takes a token from the client's bucket. */
  rateLimiter?: GatewayRateLimiter;
  /** Validation errors without "Did you mean …?" (NODE_ENV=production), as over HTTP. */
  hideSchemaSuggestions?: boolean;
}

export interface RunningSubscriptions {
  /** Bus readers the event hub holds open (shared per topic + dedicated replays); the command tracker's are apart. */
  activeBusReaders(): number;
  /** graphql-ws first (clients get 1001 Going Away), then every bus reader. */
  close(): Promise<void>;
}

/** graphql-ws on the gateway's own HTTP server, subscriptions fed by the bus and hydrated through the gateway. */
export async function startSubscriptionServer(options: SubscriptionServerOptions): Promise<RunningSubscriptions> {
  const { apollo, logger } = options;
  const runThroughGateway: GatewayOperationRunner = async (document, variables, identity) => {
    const response = await apollo.executeOperation({ query: document, variables }, { contextValue: { identity } });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by hydration');
    return response.body.singleResult;
  };
  const hub = new EventHub(options.bus, logger);
  const hydrator = new Hydrator(runThroughGateway, options.hydrationMemoTtlMs === undefined ? {} : { memoTtlMs: options.hydrationMemoTtlMs });
  const tracker = new CommandStatusTracker(options.bus, logger, options.commandStatusWindowMs === undefined ? {} : { windowMs: options.commandStatusWindowMs });
  await tracker.start();

  const subscribeField: GraphQLFieldResolver<unknown, GatewayContext, Record<string, unknown>> = (_source, args, { identity }, info) => {
    // @requiresScopes / @authenticated of the Subscription field (subscription.graphql), before any stream opens
    const denial = options.authorization.rules.deny(identity, 'Subscription', info.fieldName);
    if (denial) {
      const { message, extensions } = deniedFieldError(`Subscription.${info.fieldName}`, { denial, needs: options.authorization.rules.describe('Subscription', info.fieldName) }, []);
      throw new GraphQLError(message, { extensions });
    }
    const spec = EVENT_STREAMS[info.fieldName];
    if (spec) return openEventStream(spec, args, info, { hub, hydrator }, identity);
    if (info.fieldName === 'comando') return openCommandStream(args, tracker, identity);
    throw new GraphQLError(`Subscription.${info.fieldName} has no event source`);
  };

  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path ?? '/graphql' });
  const connections = new ConnectionAuthentication(options.verifier, logger, options.clockToleranceSeconds);
  const graphqlWs = useServer(
    {
      // connectionParams.authorization ("Bearer …", as in HTTP): a bad token closes the socket with 4403 Forbidden,
      // none is anonymous; the socket is closed with 4401 when the token expires, ending its subscriptions.
      onConnect: (context) => connections.accept(context.extra.socket, context.connectionParams?.authorization, context.extra.request.headers.authorization),
      context: (context): GatewayContext => ({ identity: connections.identityOf(context.extra.socket) }),
      // over the budget: the subscribe is refused with RATE_LIMITED (an Error message for that id; the socket stays)
      onSubscribe: async (context) => {
        if (!options.rateLimiter) return undefined;
        const key = rateLimitKeyOf(connections.identityOf(context.extra.socket), context.extra.request.socket.remoteAddress);
        try {
          await options.rateLimiter.admit(key);
          return undefined;
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          const { http: _http, ...extensions } = error.extensions;
          return [new GraphQLError(error.message, { extensions })];
        }
      },
      ...(options.hideSchemaSuggestions ? { validate: withoutSchemaSuggestions(validate) } : {}),
      schema: () => {
        const schema = options.schema.current;
        if (!schema) throw new Error('the gateway schema is not loaded yet');
        return schema;
      },
      // Errors we raise carry extensions.code; anything else is masked (and logged), as Apollo does over HTTP.
      onNext: (_context, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => maskUnexpected(error, logger)) } : undefined,
      subscribe: (args: ExecutionArgs) => subscribe({ ...args, fieldResolver: resolveByResponseKey, subscribeFieldResolver: subscribeField }),
      // Queries and mutations sent over the socket run through ApolloServer exactly as over HTTP.
      execute: async (args: ExecutionArgs) => {
        const response = await apollo.executeOperation(
          {
            query: print(args.document),
            variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
            operationName: args.operationName ?? undefined,
          },
          { contextValue: { identity: FieldAuthorization.identityOf(args.contextValue) } },
        );
        if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported over graphql-ws');
        return response.body.singleResult as ExecutionResult;
      },
    },
    wsServer,
  );

  let closing: Promise<void> | undefined;
  return {
    activeBusReaders: () => hub.activeReaders(),
    close() {
      closing ??= (async () => {
        await graphqlWs.dispose();
        await waitForSockets(wsServer, 1_000);
        await hub.close();
        await tracker.close();
      })();
      return closing;
    },
  };
}

function maskUnexpected(error: GraphQLError | GraphQLFormattedError, logger: Logger): GraphQLFormattedError {
  // Results of queries forwarded to Apollo carry errors Apollo already formatted (and masked).
  if (!(error instanceof GraphQLError)) return error;
  if (typeof error.extensions?.code === 'string') return error.toJSON();
  logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in a subscription');
  return { message: 'Internal error in gateway', ...(error.path ? { path: error.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Gives clients a moment to answer the close frame, then cuts the rest so the HTTP server can stop. */
async function waitForSockets(wsServer: WebSocketServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (wsServer.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of wsServer.clients) socket.terminate();
}
