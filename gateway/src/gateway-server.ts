import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Bus } from '@alpes/messaging';
import { createLogger, startServiceServer, type RunningServiceServer } from '@alpes/platform';
import { SubgraphDataSource } from './composition/subgraph-data-source.js';
import { resolveSupergraph, type SupergraphSource } from './composition/supergraph-source.js';
import { createGatewayErrorFormatter } from './plugins/error-shaping.js';
import { gatewayReadiness } from './readiness.js';
import { startSubscriptionServer, type RunningSubscriptions } from './subscriptions/subscription-server.js';
import { SubscriptionSchema } from './subscriptions/subscription-schema.js';

export interface GatewayOptions {
  port: number;
  supergraph: SupergraphSource;
  /** When given, graphql-ws subscriptions are served on /graphql, fed by this bus. */
  bus?: Bus;
  /** How far back `comando(correlationId)` knows commands (default 24 h). */
  commandStatusWindowMs?: number;
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
  const { manager, subgraphs } = resolveSupergraph(options.supergraph, logger);
  const gateway = new ApolloGateway({
    supergraphSdl: manager,
    buildService: ({ name, url }) => new SubgraphDataSource(name, url ?? ''),
    logger,
  });
  let schemaLoaded = false;
  const subscriptionSchema = options.bus ? new SubscriptionSchema(logger) : undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    schemaLoaded = true;
    subscriptionSchema?.update(apiSchema);
  });
  let apollo: ApolloServer | undefined;

  const server = await startServiceServer({
    name: 'gateway',
    port: options.port,
    logger,
    createApollo: (httpServer) =>
      (apollo = new ApolloServer({
        gateway,
        formatError: createGatewayErrorFormatter(logger),
        // Shutdown is ours (runUntilSignal): Apollo's own signal handlers would race it.
        stopOnTerminationSignals: false,
        plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
      })),
    context: async () => ({}),
    readiness: gatewayReadiness(() => subgraphs, () => schemaLoaded),
  });
  if (!options.bus || !subscriptionSchema || !apollo) return { ...server, gateway };
  const subscriptions = await startSubscriptionServer({
    httpServer: server.httpServer,
    schema: subscriptionSchema,
    apollo,
    bus: options.bus,
    logger,
    ...(options.commandStatusWindowMs === undefined ? {} : { commandStatusWindowMs: options.commandStatusWindowMs }),
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    ...server,
    gateway,
    subscriptions,
    // graphql-ws and the bus readers first, then Apollo and the HTTP server.
    async close() {
      await subscriptions.close();
      await server.close();
    },
  };
}
