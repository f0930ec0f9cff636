import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, print, subscribe, type ExecutionArgs, type ExecutionResult, type GraphQLFieldResolver, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Bus } from '@alpes/messaging';
import type { Logger } from '@alpes/platform';
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
  apollo: ApolloServer;
  bus: Bus;
  logger: Logger;
  /** How far back `comando(correlationId)` knows commands (default 15 min). */
  commandStatusWindowMs?: number;
  /** How long a hydration is shared among clients with the same selection (default 5 000 ms). */
  hydrationMemoTtlMs?: number;
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
  const runThroughGateway: GatewayOperationRunner = async (document, variables) => {
    const response = await apollo.executeOperation({ query: document, variables });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by hydration');
    return response.body.singleResult;
  };
  const hub = new EventHub(options.bus, logger);
  const hydrator = new Hydrator(runThroughGateway, options.hydrationMemoTtlMs === undefined ? {} : { memoTtlMs: options.hydrationMemoTtlMs });
  const tracker = new CommandStatusTracker(options.bus, logger, options.commandStatusWindowMs === undefined ? {} : { windowMs: options.commandStatusWindowMs });
  await tracker.start();

  const subscribeField: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (_source, args, _context, info) => {
    const spec = EVENT_STREAMS[info.fieldName];
    if (spec) return openEventStream(spec, args, info, { hub, hydrator });
    if (info.fieldName === 'comando') return openCommandStream(args, tracker);
    throw new GraphQLError(`Subscription.${info.fieldName} has no event source`);
  };

  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path ?? '/graphql' });
  const graphqlWs = useServer(
    {
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
        const response = await apollo.executeOperation({
          query: print(args.document),
          variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
          operationName: args.operationName ?? undefined,
        });
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
