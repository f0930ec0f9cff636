// The marketing service as its own process (subgraph, workers, outbox relay): npm run start -w subgraphs/marketing
import { prepareServiceDatabase } from '@alpes/database';
import { busConfigFromEnv, connectBusFromEnvironment } from '@alpes/messaging';
import { runSubgraphProcess } from '@alpes/platform';
import { subgraphIdentityProblems, subgraphIdentityVerifierFromEnvironment } from '@alpes/security';
import { startMarketingSubgraph } from './service.js';

await runSubgraphProcess({
  service: 'marketing',
  // The bus and identity settings are checked with PORT and the database URL: one message lists every problem.
  checkEnvironment: (environment) => [...busConfigFromEnv(environment).problems, ...subgraphIdentityProblems(environment)],
  defaultPort: 4003,
  prepareDatabase: (config) => prepareServiceDatabase('marketing', config),
  start: async (config) => {
    const bus = await connectBusFromEnvironment('marketing');
    const server = await startMarketingSubgraph({
      databaseUrl: config.databaseUrl,
      port: config.port,
      bus,
      identity: subgraphIdentityVerifierFromEnvironment(process.env),
    });
    // The server's close stops HTTP, then the workers and pools; the bus closes last.
    return { ...server, close: () => server.close().finally(() => bus.close()) };
  },
});
