import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Bus } from '@alpes/messaging';
import { mountObservabilityEndpoints, OperationNameBuckets, ServiceMetrics, busStatsFor, ObservedBus, traceBus } from '@alpes/observability';
import { createLogger, startServiceServer, type RunningServiceServer } from '@alpes/platform';
import { createTokenVerifier, GATEWAY_SERVICE, SubgraphIdentitySigner, type StackAuth } from '@alpes/security';
import { invalidateFromEvents } from './cache/cache-events.js';
import { CacheMetrics, ResponseCacheMetrics } from './cache/cache-metrics.js';
import { FetchCache, type FetchCacheSettings } from './cache/fetch-cache.js';
import { ResponseCache, type ResponseCacheSettings } from './cache/response-cache.js';
import { responseCacheMiddleware, responseRecordPlugin } from './cache/response-cache-http.js';
import { batchMetrics, DEFAULT_FETCH_BATCHING, FetchBatching, type FetchBatchingSettings } from './composition/fetch-batching.js';
import { FetchDeduplication } from './composition/fetch-deduplication.js';
import { SubgraphDataSource } from './composition/subgraph-data-source.js';
import { fetchSubgraph } from './composition/subgraph-fetcher.js';
import { resolveSupergraph, type SupergraphSource } from './composition/supergraph-source.js';
import { gatewayContext, type GatewayContext } from './plugins/authentication.js';
import { createGatewayErrorFormatter } from './plugins/error-shaping.js';
import { errorTraceContextPlugin } from './plugins/error-trace-context.js';
import { authorizingGateway, FieldAuthorization } from './plugins/field-authorization.js';
import { operationGuardOf, type OperationLimitsOption } from './plugins/operation-guard-setup.js';
import { operationLimitsPlugin } from './plugins/operation-limits-plugin.js';
import { refuseNulCharacters } from './plugins/nul-characters.js';
import { limitCommandsPerMutation } from './plugins/one-command-per-mutation.js';
import { refuseSubscriptionsOverHttp } from './plugins/subscriptions-over-http.js';
import { refuseUnresolvedOperations } from './plugins/unresolved-operation.js';
import { trustedDocumentsMiddleware } from './plugins/trusted-documents/http-middleware.js';
import { TrustedDocumentManifest } from './plugins/trusted-documents/manifest.js';
import { TrustedDocuments, type TrustedDocumentsMode } from './plugins/trusted-documents/trusted-documents.js';
import { corsAllowlist } from './plugins/cors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestDeadlinePlugin } from './plugins/request-deadline.js';
import { GatewayRateLimiter, type RateLimitSettings } from './plugins/rate-limit.js';
import { DEFAULT_MAX_VARIABLES_DEPTH, variablesDepthLimit, variablesDepthRejection, variablesOf } from './plugins/variables-limit.js';
import { mountPlayground } from './playground/playground.js';
import { metricsPlugin, servedFromCache } from './plugins/metrics.js';
import { gatewayReadiness } from './readiness.js';
import type { HydrationBatchOptions } from './subscriptions/hydration-batcher.js';
import { adminOf, gatewayStatus, gatewayStatusAccess } from './status.js';
import { startSubscriptionServer, type RunningSubscriptions } from './subscriptions/subscription-server.js';
import { SUBSCRIPTION_SDL, SubscriptionSchema } from './subscriptions/subscription-schema.js';
import type { WebSocketLimits } from './subscriptions/websocket-limits.js';

export interface GatewayOptions {
  /** Command fields one mutation request may select (LIMIT_MAX_MUTATION_COMMANDS, default 1). */
  maxCommandsPerMutation?: number;
  port: number;
  supergraph: SupergraphSource;
  /** How client tokens are verified, and the secret the gateway signs each subgraph request's identity with. */
  auth: Pick<StackAuth, 'verification' | 'subgraphIdentitySecret'>;
  /** When given, graphql-ws subscriptions are served on /graphql, fed by this bus. */
  bus?: Bus;
  /** How far back `comando(correlationId)` knows commands (default 15 min). */
  commandStatusWindowMs?: number;
  /** GraphiQL on GET /graphql for browsers, served offline from installed packages (default true). */
  playground?: boolean;
  /** Schema introspection on /graphql and in the playground (default: Apollo's, on unless NODE_ENV=production). */
  introspection?: boolean;
  /** Depth, aliases, root fields, tokens and cost limits (default: DEFAULT_OPERATION_LIMITS); false turns them off. */
  operationLimits?: OperationLimitsOption;
  /** Which documents run (default off: all) and the manifest of trusted ones (client-preset's persisted-documents.json). */
  trustedDocuments?: { mode: TrustedDocumentsMode; manifestFile?: string };
  /** Bound of the automatic persisted queries store, in bytes of query text (default 8 MiB). */
  persistedQueriesMaxBytes?: number;
  /** graphql-ws limits (subscriptions/websocket-limits.ts has the defaults). */
  websocketLimits?: Partial<WebSocketLimits>;
  /** Operation safety (README "Security: operation limits"); a process takes them from its environment (config.ts). */
  /** A token bucket per client (its `sub`, else its IP address); unset: no rate limit (tests). */
  rateLimit?: RateLimitSettings;
  /** The deadline of each operation's whole plan (default 10 000 ms). */
  requestTimeoutMs?: number;
  /** Browser origins allowed by CORS (default none: same-origin only). */
  corsOrigins?: readonly string[];
  /** How deep `variables` may nest (default 32). */
  maxVariablesDepth?: number;
  /** Identical subgraph reads in flight at once are sent once and shared (SUBGRAPH_DEDUP; default false). */
  subgraphDeduplication?: boolean;
  /** Reads of concurrent operations merged per subgraph while it is busy (SUBGRAPH_BATCHING…; default on); false: off. */
  subgraphBatching?: FetchBatchingSettings | false;
  /** The cache of subgraph fetch results invalidated by domain events (CACHE, CACHE_MAX_MB, CACHE_TTL_S); unset: off. Needs a bus. */
  cache?: FetchCacheSettings;
  /** Whole answers of queries cached in front of Apollo Server, over the fetch cache (CACHE_RESPONSES…); needs `cache`. */
  responseCache?: ResponseCacheSettings;
  /** How subscription hydrations batch into gateway operations (HYDRATION_BATCH_*; default: the adaptive window). */
  hydrationBatching?: HydrationBatchOptions;
  /** No stack traces and no "Did you mean" schema suggestions in errors (default: NODE_ENV=production). */
  production?: boolean;
}

/** How the gateway runs its operations (safety, subgraph fetches, caches, hydration): what npm start and a gateway process both read from their environment. */
export type GatewayRuntimeSettings = Pick<
  GatewayOptions,
  | 'rateLimit'
  | 'requestTimeoutMs'
  | 'corsOrigins'
  | 'maxVariablesDepth'
  | 'production'
  | 'maxCommandsPerMutation'
  | 'subgraphDeduplication'
  | 'subgraphBatching'
  | 'hydrationBatching'
  | 'cache'
  | 'responseCache'
>;

export interface RunningGateway extends RunningServiceServer {
  gateway: ApolloGateway;
  /** Present when a bus was given. */
  subscriptions?: RunningSubscriptions;
}

/** The federated graph on /graphql, with /health and /ready (schema loaded and subgraphs answering). */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const logger = createLogger('gateway');
  const verifier = createTokenVerifier(options.auth.verification);
  const subgraphIdentities = new SubgraphIdentitySigner(options.auth.subgraphIdentitySecret);
  const ownAuthorization = () => subgraphIdentities.authorizationFor(GATEWAY_SERVICE);
  // this server's own registry (GET /metrics); the bus is counted through it, and traced when OTEL_* says so
  const metrics = new ServiceMetrics('gateway');
  const bus = options.bus ? new ObservedBus(traceBus(options.bus), metrics, busStatsFor(options.bus)) : undefined;
  let supergraphSdl: string | undefined;
  const running: { subscriptions?: RunningSubscriptions } = {};
  const { manager, subgraphs } = resolveSupergraph(options.supergraph, logger, async () => ({ authorization: (await ownAuthorization()) ?? '' }));
  const deduplication = options.subgraphDeduplication ? new FetchDeduplication(fetchSubgraph) : undefined;
  const batchObserverFor = batchMetrics(metrics.registry);
  if (options.cache && !bus) logger.warn('gateway cache: off, there is no bus to invalidate it from');
  const cache = options.cache && bus ? new FetchCache(options.cache, new CacheMetrics(metrics.registry)) : undefined;
  const responseCache =
    cache && options.responseCache ? new ResponseCache(options.responseCache, cache, new ResponseCacheMetrics(metrics.registry)) : undefined;
  const operationNames = new OperationNameBuckets();
  const gateway = new ApolloGateway({
    supergraphSdl: manager,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, url ?? '', subgraphIdentities, {
        fetchDuration: metrics.subgraphFetchDuration,
        ...(deduplication ? { deduplication } : {}),
        ...(cache ? { cache } : {}),
        ...(options.subgraphBatching !== false && url
          ? { batching: new FetchBatching(url, options.subgraphBatching ?? DEFAULT_FETCH_BATCHING, batchObserverFor(name)) }
          : {}),
      }),
    logger,
  });
  if (cache) gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => cache.updateSupergraph(coreSupergraphSdl));
  let schemaLoaded = false;
  let latestApiSchema: GraphQLSchema | undefined;
  const subscriptionSchema = options.bus ? new SubscriptionSchema(logger) : undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    supergraphSdl = coreSupergraphSdl;
    schemaLoaded = true;
    latestApiSchema = apiSchema;
    subscriptionSchema?.update(apiSchema);
  });
  const authorization = new FieldAuthorization([SUBSCRIPTION_SDL]);
  const guard = operationGuardOf(options.operationLimits);
  if (guard) gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => guard.updateSupergraph(coreSupergraphSdl));
  let apollo: ApolloServer<GatewayContext> | undefined;
  const introspection = options.introspection ?? process.env.NODE_ENV !== 'production';
  const trustedDocuments = new TrustedDocuments(
    options.trustedDocuments?.mode ?? 'off',
    options.trustedDocuments?.manifestFile ? TrustedDocumentManifest.fromFile(options.trustedDocuments.manifestFile) : undefined,
    logger,
  );
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const rateLimiter = options.rateLimit && options.rateLimit.perSecond > 0 ? new GatewayRateLimiter(options.rateLimit, logger) : undefined;
  const corsOrigins = options.corsOrigins ?? [];
  const context = gatewayContext(verifier, logger, rateLimiter);
  const maxVariablesDepth = options.maxVariablesDepth ?? DEFAULT_MAX_VARIABLES_DEPTH;
  // the response cache and trusted documents are express middleware: with either on, every POST takes express's route
  const viaExpress = Boolean(responseCache) || trustedDocuments.mode !== 'off';

  const server = await startServiceServer({
    name: 'gateway',
    port: options.port,
    logger,
    createApollo: (httpServer) =>
      (apollo = new ApolloServer<GatewayContext>({
        gateway: authorizingGateway(gateway, authorization),
        formatError: createGatewayErrorFormatter(logger, { hideSchemaSuggestions: production }),
        introspection,
        // Automatic persisted queries, in a store bounded by the size of the query texts it holds (least recently used go).
        persistedQueries: { cache: new InMemoryLRUCache<string>({ maxSize: options.persistedQueriesMaxBytes ?? 8 * 1024 * 1024 }) },
        // Shutdown is ours (runUntilSignal): Apollo's own signal handlers would race it.
        stopOnTerminationSignals: false,
        // production: never a stack trace; `production: false` given: always; unset: Apollo's default (none under
        // NODE_ENV=test either, so tests compare extensions exactly)
        ...(options.production !== undefined || production ? { includeStacktraceInErrorResponses: !production } : {}),
        hideSchemaDetailsFromClientErrors: production,
        ...(guard ? { parseOptions: { maxTokens: guard.settings.maxTokens } } : {}),
        plugins: [
          ApolloServerPluginDrainHttpServer({ httpServer }),
          ApolloServerPluginLandingPageDisabled(),
          requestDeadlinePlugin(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
          metricsPlugin(metrics, operationNames),
          errorTraceContextPlugin(),
          refuseUnresolvedOperations(),
          refuseSubscriptionsOverHttp(),
          refuseNulCharacters(),
          limitCommandsPerMutation(options.maxCommandsPerMutation ?? 1),
          ...(guard ? [operationLimitsPlugin(guard)] : []),
          // last: it judges the answer every other plugin has shaped
          ...(responseCache ? [responseRecordPlugin()] : []),
        ],
      })),
    context,
    // the common JSON POST skips express (node:http straight to Apollo); a step only express's chain has sends it there
    leanGraphQLPost: {
      context: (req) => context({ req }),
      rejectBody: (body) => variablesDepthRejection(variablesOf(body), maxVariablesDepth),
      viaExpress: (request) => viaExpress || (corsOrigins.length > 0 && request.headers.origin !== undefined),
    },
    graphqlMiddleware: [
      variablesDepthLimit(maxVariablesDepth),
      ...(responseCache
        ? [responseCacheMiddleware({ cache: responseCache, apollo: () => apollo, context, served: servedFromCache(metrics, operationNames) })]
        : []),
    ],
    readiness: gatewayReadiness(
      () => subgraphs,
      () => schemaLoaded,
      ownAuthorization,
      bus ? () => running.subscriptions !== undefined : undefined,
    ),
    configure: (app) => {
      if (corsOrigins.length > 0) app.use('/graphql', corsAllowlist(corsOrigins));
      mountObservabilityEndpoints(app, {
        metrics,
        authorizeStatus: gatewayStatusAccess(verifier),
        status: (request) =>
          gatewayStatus(
            {
              subgraphs: () => subgraphs,
              supergraphSdl: () => supergraphSdl,
              activeSubscriptions: () => running.subscriptions?.activeSubscriptions() ?? 0,
              openBusReaders: () => bus?.openReaders ?? 0,
              busConnected: () => bus?.isConnected(),
              identities: subgraphIdentities,
            },
            adminOf(request) ?? GATEWAY_SERVICE,
          ),
      });
      if (options.playground !== false) {
        mountPlayground(app, {
          subscriptions: Boolean(options.bus),
          schema: () => subscriptionSchema?.current ?? latestApiSchema,
          introspection, // the same as Apollo's: the page shows no more than POST /graphql would
        });
      }
      // Trusted documents before Apollo (same body limit as the platform's parser, which then finds the body read).
      app.use('/graphql', express.json({ limit: '1mb' }), trustedDocumentsMiddleware(trustedDocuments));
    },
  }).catch(async (error: unknown) => {
    await rateLimiter?.close();
    throw error;
  });
  const closeServer = server.close.bind(server);
  server.close = () => closeServer().finally(() => rateLimiter?.close());
  if (!bus || !subscriptionSchema || !apollo) return { ...server, gateway };
  const subscriptions = await startSubscriptionServer({
    httpServer: server.httpServer,
    schema: subscriptionSchema,
    apollo,
    bus,
    metrics,
    logger,
    verifier,
    clockToleranceSeconds: options.auth.verification.clockToleranceSeconds,
    authorization,
    ...(guard ? { guard } : {}),
    trustedDocuments,
    ...(options.websocketLimits ? { limits: options.websocketLimits } : {}),
    ...(rateLimiter ? { rateLimiter } : {}),
    hideSchemaSuggestions: production,
    ...(options.hydrationBatching ? { hydrationBatching: options.hydrationBatching } : {}),
    ...(options.commandStatusWindowMs === undefined ? {} : { commandStatusWindowMs: options.commandStatusWindowMs }),
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  running.subscriptions = subscriptions;
  const stopCache = cache && bus ? await invalidateFromEvents(subscriptions.hub, cache, bus, logger) : undefined;
  return {
    ...server,
    gateway,
    subscriptions,
    // Stop accepting first (/ready 503, listener closed: no new HTTP or websocket connection), then graphql-ws closes
    // the subscriptions (1001 Going Away) and the bus readers, then in-flight HTTP requests finish and Apollo stops.
    async close() {
      server.stopAccepting();
      stopCache?.();
      try {
        await subscriptions.close();
      } finally {
        await server.close();
      }
    },
  };
}
