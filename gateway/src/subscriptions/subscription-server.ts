import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  print,
  subscribe,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
} from 'graphql';
import { WebSocketServer } from 'ws';
import type { Bus } from '@alpes/messaging';
import type { ServiceMetrics } from '@alpes/observability';
import type { Logger } from '@alpes/platform';
import { deniedFieldError, type TokenVerifier } from '@alpes/security';
import type { GatewayContext } from '../plugins/authentication.js';
import type { TrustedDocuments } from '../plugins/trusted-documents/trusted-documents.js';
import { FieldAuthorization } from '../plugins/field-authorization.js';
import { markBuiltByGateway } from '../plugins/gateway-built-operations.js';
import type { OperationGuard } from '../plugins/operation-guard.js';
import { rateLimitKeyOf, type GatewayRateLimiter } from '../plugins/rate-limit.js';
import { withoutSchemaSuggestions } from '../plugins/production-errors.js';
import { ConnectionAuthentication } from './connection-authentication.js';
import { CommandStatusTracker } from './command-status.js';
import { openCommandStream } from './command-stream.js';
import { EventHub } from './event-hub.js';
import { EVENT_STREAMS, openEventStream } from './event-streams.js';
import { resolveByResponseKey } from './field-resolution.js';
import { Hydrator, type GatewayOperationRunner } from './hydration.js';
import type { HydrationBatchOptions } from './hydration-batcher.js';
import { SharedExecutions, shareKeyOf } from './shared-executions.js';
import { SharedPayload, sharedPayloadReplacer } from './shared-payload.js';
import { admitOperation } from './operation-admission.js';
import { SubscriptionMetrics, subscriptionFieldOf } from './subscription-metrics.js';
import type { SubscriptionSchema } from './subscription-schema.js';
import { ConnectionQuota } from './connection-quota.js';
import { DEFAULT_WEBSOCKET_LIMITS, type WebSocketLimits } from './websocket-limits.js';
import { serveGraphqlWs } from './websocket-transport.js';

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
  /** The operation limits (depth, aliases, root fields, tokens, cost), applied to each subscribe; none when absent. */
  guard?: OperationGuard;
  logger: Logger;
  /** How far back `comando(correlationId)` knows commands (default 15 min). */
  commandStatusWindowMs?: number;
  /** How long a hydration is shared among clients with the same selection (default 5 000 ms). */
  hydrationMemoTtlMs?: number;
  /** How the entities of many events are loaded in one gateway operation (hydration-batcher.ts). */
  hydrationBatching?: HydrationBatchOptions;
  /** The gateway's registry: subscriptions_active, subscription_events_delivered_total, hydration_operations_total. */
  metrics?: ServiceMetrics;
  /** Message size, subscriptions per connection, connections per client, connection_init timeout, ping, slow consumers. */
  limits?: Partial<WebSocketLimits>;
  /** Subscribe messages are checked against the trusted documents like HTTP requests (by id or by text). */
  trustedDocuments?: TrustedDocuments;
  /** Each subscribe (and each query or mutation sent over the socket) takes a token from the client's bucket. */
  rateLimiter?: GatewayRateLimiter;
  /** Validation errors without "Did you mean …?" (NODE_ENV=production), as over HTTP. */
  hideSchemaSuggestions?: boolean;
}

export interface RunningSubscriptions {
  /** Bus readers the event hub holds open (shared per topic + dedicated replays); the command tracker's are apart. */
  activeBusReaders(): number;
  /** Subscriptions open now (every graphql-ws client's, every field). */
  activeSubscriptions(): number;
  /** Executions running now: subscribers with the same operation, variables and authorization partition share one. */
  activeExecutions(): number;
  /** graphql-ws first (clients get 1001 Going Away), then every bus reader. */
  close(): Promise<void>;
  /** The hub reading every event topic (the gateway cache observes it). */
  hub: EventHub;
}

/** graphql-ws on the gateway's own HTTP server, subscriptions fed by the bus and hydrated through the gateway. */
export async function startSubscriptionServer(options: SubscriptionServerOptions): Promise<RunningSubscriptions> {
  const { apollo, logger } = options;
  const subscriptionMetrics = new SubscriptionMetrics(options.metrics);
  const runThroughGateway: GatewayOperationRunner = async (document, variables, identity, traceContext) => {
    options.metrics?.hydrationOperations.inc();
    const contextValue = markBuiltByGateway(traceContext ? { identity, traceContext } : { identity });
    const response = await apollo.executeOperation({ query: document, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by hydration');
    return response.body.singleResult;
  };
  const hub = new EventHub(options.bus, logger);
  const hydrator = new Hydrator(runThroughGateway, {
    ...(options.hydrationMemoTtlMs === undefined ? {} : { memoTtlMs: options.hydrationMemoTtlMs }),
    ...(options.hydrationBatching ? { batching: options.hydrationBatching } : {}),
  });
  // Errors we raise carry extensions.code; anything else is masked (and logged), as Apollo does over HTTP.
  const formatResult = (result: ExecutionResult) =>
    result.errors ? { ...result, errors: result.errors.map((error) => maskUnexpected(error, logger)) } : result;
  const shared = new SharedExecutions({ lastSequence: () => hub.lastSequence, format: formatResult });
  const tracker = new CommandStatusTracker(options.bus, logger, options.commandStatusWindowMs === undefined ? {} : { windowMs: options.commandStatusWindowMs });
  await tracker.start();

  const subscribeField: GraphQLFieldResolver<unknown, GatewayContext, Record<string, unknown>> = (_source, args, context, info) => {
    const { identity } = context;
    // @requiresScopes / @authenticated of the Subscription field (subscription.graphql), before any stream opens
    const denial = options.authorization.rules.deny(identity, 'Subscription', info.fieldName);
    if (denial) {
      const { message, extensions } = deniedFieldError(
        `Subscription.${info.fieldName}`,
        { denial, needs: options.authorization.rules.describe('Subscription', info.fieldName) },
        [],
      );
      throw new GraphQLError(message, { extensions });
    }
    const spec = EVENT_STREAMS[info.fieldName];
    // a shared execution's context names the identity of whichever member's token lasts longest (shared-executions.ts)
    if (spec) return openEventStream(spec, args, info, { hub, hydrator }, identity, () => context.identity);
    if (info.fieldName === 'comando') return openCommandStream(args, tracker, identity);
    throw new GraphQLError(`Subscription.${info.fieldName} has no event source`);
  };

  const limits = { ...DEFAULT_WEBSOCKET_LIMITS, ...options.limits };
  // ws refuses (1009, no reason) a message over twice the limit before reading it; up to that, the transport closes
  // with 1009 and a reason stating the size and the limit.
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path ?? '/graphql', maxPayload: 2 * limits.maxPayloadBytes });
  const connections = new ConnectionAuthentication(options.verifier, logger, options.clockToleranceSeconds);
  const quota = new ConnectionQuota(limits.maxConnectionsPerClient);
  // graphql-ws's validation errors carry no code: GRAPHQL_VALIDATION_FAILED, as over HTTP (and without
  // "Did you mean …?" under NODE_ENV=production); the operation limits validate with it too
  const validateDocument = validationWithCodes(options.hideSchemaSuggestions ? withoutSchemaSuggestions(validate) : validate);
  const admit = admitOperation(options.guard, () => options.schema.current, validateDocument);
  const graphqlWs = serveGraphqlWs(
    {
      // connectionParams.authorization ("Bearer …", as in HTTP): a bad token closes the socket with 4403 Forbidden,
      // none is anonymous; the socket is closed with 4401 when the token expires, ending its subscriptions.
      // Then the client's connections are counted (per identity, per IP when anonymous): one too many closes with 4029.
      onConnect: async (context) => {
        const { socket, request } = context.extra;
        if (!(await connections.accept(socket, context.connectionParams?.authorization, request.headers.authorization))) return false;
        return quota.admit(socket, connections.identityOf(socket), request.socket.remoteAddress);
      },
      onSubscribe: async (context, _id, payload) => {
        const held = Object.keys(context.subscriptions).length; // this one included
        if (held > limits.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `Too many subscriptions on this connection: ${held}, limit ${limits.maxSubscriptionsPerConnection}; complete one first or open another connection`,
              {
                extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', subscriptions: held, maxSubscriptions: limits.maxSubscriptionsPerConnection },
              },
            ),
          ];
        }
        // over the budget: the subscribe is refused with RATE_LIMITED (an Error message for that id; the socket stays)
        const limited = await rateLimited(
          options.rateLimiter,
          rateLimitKeyOf(connections.identityOf(context.extra.socket), context.extra.request.socket.remoteAddress),
        );
        if (limited) return [limited];
        const decision = options.trustedDocuments?.decide(payload);
        if (decision?.kind === 'rejected') return [new GraphQLError(decision.message, { extensions: decision.extensions })];
        if (decision?.kind === 'listed') (payload as { query: string }).query = decision.query; // graphql-ws parses payload.query after this hook
        // then the operation limits and the cost, on the document that will run
        return admit(payload);
      },
      context: (context): GatewayContext => ({ identity: connections.identityOf(context.extra.socket) }),
      validate: validateDocument,
      schema: () => {
        const schema = options.schema.current;
        if (!schema) throw new Error('the gateway schema is not loaded yet');
        return schema;
      },
      // A shared execution's payload is already formatted and serialised: graphql-ws sends it as it is (shared-payload.ts).
      onNext: (_context, _id, _payload, _args, result) => {
        if (result instanceof SharedPayload) return result as unknown as ExecutionResult;
        return result.errors ? formatResult(result) : undefined;
      },
      jsonMessageReplacer: sharedPayloadReplacer,
      subscribe: async (args: ExecutionArgs) => {
        const field = subscriptionFieldOf(args.document, args.operationName);
        const executionArgs = { ...args, fieldResolver: resolveByResponseKey, subscribeFieldResolver: subscribeField };
        const identity = FieldAuthorization.identityOf(args.contextValue);
        const share = shareKeyOf(executionArgs, identity, Object.hasOwn(EVENT_STREAMS, field));
        // a resume that no running execution can serve (or no share at all) runs alone: a replay from the bus
        const result = (share && (await shared.subscribe(executionArgs, share, identity))) ?? (await subscribe(executionArgs));
        if (!(Symbol.asyncIterator in result)) return result;
        return subscriptionMetrics.count(result, field) as AsyncIterableIterator<ExecutionResult>;
      },
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
    limits,
    logger,
  );

  let closing: Promise<void> | undefined;
  return {
    hub,
    activeBusReaders: () => hub.activeReaders(),
    activeSubscriptions: () => subscriptionMetrics.active,
    activeExecutions: () => shared.active,
    close() {
      closing ??= (async () => {
        await graphqlWs.dispose();
        await waitForSockets(wsServer, 1_000);
        await hub.close();
        hydrator.close();
        await tracker.close();
      })();
      return closing;
    },
  };
}

async function rateLimited(limiter: GatewayRateLimiter | undefined, key: string): Promise<GraphQLError | undefined> {
  if (!limiter) return undefined;
  try {
    await limiter.admit(key);
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const { http: _http, ...extensions } = error.extensions;
    return new GraphQLError(error.message, { extensions });
  }
}

function validationWithCodes(run: typeof validate): typeof validate {
  return (...args) =>
    run(...args).map((error) =>
      error.extensions.code
        ? error
        : new GraphQLError(error.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
    );
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
