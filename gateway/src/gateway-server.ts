import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createLogger, startServiceServer, type RunningServiceServer } from '@alpes/platform';
import { SubgraphDataSource } from './composition/subgraph-data-source.js';
import { resolveSupergraph, type SupergraphSource } from './composition/supergraph-source.js';
import { createGatewayErrorFormatter } from './plugins/error-shaping.js';
import { gatewayReadiness } from './readiness.js';

export interface GatewayOptions {
  port: number;
  supergraph: SupergraphSource;
}

export interface RunningGateway extends RunningServiceServer {
  gateway: ApolloGateway;
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
  gateway.onSchemaLoadOrUpdate(() => {
    schemaLoaded = true;
  });

  const server = await startServiceServer({
    name: 'gateway',
    port: options.port,
    logger,
    createApollo: (httpServer) =>
      new ApolloServer({
        gateway,
        formatError: createGatewayErrorFormatter(logger),
        // Shutdown is ours (runUntilSignal): Apollo's own signal handlers would race it.
        stopOnTerminationSignals: false,
        plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
      }),
    context: async () => ({}),
    readiness: gatewayReadiness(() => subgraphs, () => schemaLoaded),
  });
  return { ...server, gateway };
}
