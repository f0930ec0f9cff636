// The marketing service as its own process (subgraph, workers, outbox relay): npm run start -w subgraphs/marketing
import { prepareServiceDatabase } from '@alpes/database';
import { runSubgraphProcess } from '@alpes/platform';
import { connectBusFromEnvironment } from '@alpes/transactional-messaging';
import { startMarketingSubgraph } from './service.js';

await runSubgraphProcess({
  service: 'marketing',
  defaultPort: 4003,
  prepareDatabase: (config) => prepareServiceDatabase('marketing', config),
  start: async (config) => {
    const bus = await connectBusFromEnvironment('marketing');
    const server = await startMarketingSubgraph({ databaseUrl: config.databaseUrl, port: config.port, bus });
    return { ...server, close: () => server.close().finally(() => bus.close()) };
  },
});
