import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Bus } from '@alpes/messaging';
import { createLogger, startServiceServer, type RunningServiceServer } from '@alpes/platform';
import { createTokenVerifier, GATEWAY_SERVICE, SubgraphIdentitySigner, type StackAuth } from '@alpes/security';
import { SubgraphDataSource } from './composition/subgraph-data-source.js';
import { resolveSupergraph, type SupergraphSource } from './composition/supergraph-source.js';
import { gatewayContext, type GatewayContext } from './plugins/authentication.js';
import { createGatewayErrorFormatter } from './plugins/error-shaping.js';
import { authorizingGateway, FieldAuthorization } from './plugins/field-authorization.js';
import { corsAllowlist } from './plugins/cors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestDeadlinePlugin } from './plugins/request-deadline.js';
import { GatewayRateLimiter, type RateLimitSettings } from './plugins/rate-limit.js';
import { DEFAULT_MAX_VARIABLES_DEPTH, variablesDepthLimit } from './plugins/variables-limit.js';
import { mountPlayground } from './playground/playground.js';
import { gatewayReadiness } from './readiness.js';
import { startSubscriptionServer, type RunningSubscriptions } from './subscriptions/subscription-server.js';
import { SUBSCRIPTION_SDL, SubscriptionSchema } from './subscriptions/subscription-schema.js';

export interface GatewayOptions {
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
  /** Operation safety (README "Security: operation limits"); a process takes them from its environment (config.ts). */
  /** A token bucket per client (its `sub`, else its IP address); unset: no rate limit (tests). */
  rateLimit?: RateLimitSettings;
  /** The deadline of each operation's whole plan (default 10 000 ms). */
  requestTimeoutMs?: number;
  /** Browser origins allowed by CORS (default none: same-origin only). */
  corsOrigins?: readonly string[];
  /** How deep `variables` may nest (default 32). */
  maxVariablesDepth?: number;
  /** No stack traces and no "Did you mean" schema suggestions in errors (default: NODE_ENV=production). */
  production?: boolean;
}

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
  const { manager, subgraphs } = resolveSupergraph(options.supergraph, logger, async () => ({ authorization: (await ownAuthorization()) ?? '' }));
  const gateway = new ApolloGateway({
    supergraphSdl: manager,
    buildService: ({ name, url }) => new SubgraphDataSource(name, url ?? '', subgraphIdentities),
    logger,
  });
  let schemaLoaded = false;
  let latestApiSchema: GraphQLSchema | undefined;
  const subscriptionSchema = options.bus ? new SubscriptionSchema(logger) : undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    schemaLoaded = true;
    latestApiSchema = apiSchema;
    subscriptionSchema?.update(apiSchema);
  });
  const authorization = new FieldAuthorization([SUBSCRIPTION_SDL]);
  let apollo: ApolloServer<GatewayContext> | undefined;
  const introspection = options.introspection ?? process.env.NODE_ENV !== 'production';
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const rateLimiter = options.rateLimit && options.rateLimit.perSecond > 0 ? new GatewayRateLimiter(options.rateLimit, logger) : undefined;
  const corsOrigins = options.corsOrigins ?? [];

  const server = await startServiceServer({
    name: 'gateway',
    port: options.port,
    logger,
    createApollo: (httpServer) =>
      (apollo = new ApolloServer<GatewayContext>({
        gateway: authorizingGateway(gateway, authorization),
        formatError: createGatewayErrorFormatter(logger, { hideSchemaSuggestions: production }),
        introspection,
        includeStacktraceInErrorResponses: !production,
        hideSchemaDetailsFromClientErrors: production,
        // Shutdown is ours (runUntilSignal): Apollo's own signal handlers would race it.
        stopOnTerminationSignals: false,
        plugins: [
          ApolloServerPluginDrainHttpServer({ httpServer }),
          ApolloServerPluginLandingPageDisabled(),
          requestDeadlinePlugin(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
        ],
      })),
    context: gatewayContext(verifier, logger, rateLimiter),
    graphqlMiddleware: [variablesDepthLimit(options.maxVariablesDepth ?? DEFAULT_MAX_VARIABLES_DEPTH)],
    readiness: gatewayReadiness(() => subgraphs, () => schemaLoaded, ownAuthorization),
    configure: (app) => {
      if (corsOrigins.length > 0) app.use('/graphql', corsAllowlist(corsOrigins));
      if (options.playground === false) return;
      mountPlayground(app, {
        subscriptions: Boolean(options.bus),
        schema: () => subscriptionSchema?.current ?? latestApiSchema,
        introspection, // the same as Apollo's: the page shows no more than POST /graphql would
      });
    },
  }).catch(async (error: unknown) => {
    await rateLimiter?.close();
    throw error;
  });
  const closeServer = server.close.bind(server);
  server.close = () => closeServer().finally(() => rateLimiter?.close());
  if (!options.bus || !subscriptionSchema || !apollo) return { ...server, gateway };
  const subscriptions = await startSubscriptionServer({
    httpServer: server.httpServer,
    schema: subscriptionSchema,
    apollo,
    bus: options.bus,
    logger,
    verifier,
    clockToleranceSeconds: options.auth.verification.clockToleranceSeconds,
    authorization,
    ...(rateLimiter ? { rateLimiter } : {}),
    hideSchemaSuggestions: production,
    ...(options.commandStatusWindowMs === undefined ? {} : { commandStatusWindowMs: options.commandStatusWindowMs }),
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    ...server,
    gateway,
    subscriptions,
    // Stop accepting first (/ready 503, listener closed: no new HTTP or websocket connection), then graphql-ws closes
    // the subscriptions (1001 Going Away) and the bus readers, then in-flight HTTP requests finish and Apollo stops.
    async close() {
      server.stopAccepting();
      try {
        await subscriptions.close();
      } finally {
        await server.close();
      }
    },
  };
}
