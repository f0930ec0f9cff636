// The conversiones service as its own process (subgraph, workers, outbox relay): npm run start -w subgraphs/conversiones
import { prepareServiceDatabase } from '@alpes/database';
import { runSubgraphProcess } from '@alpes/platform';
import { connectBusFromEnvironment } from '@alpes/transactional-messaging';
import { startConversionesSubgraph } from './service.js';

await runSubgraphProcess({
  service: 'conversiones',
  defaultPort: 4002,
  prepareDatabase: (config) => prepareServiceDatabase('conversiones', config),
  start: async (config) => {
    const bus = await connectBusFromEnvironment('conversiones');
    const server = await startConversionesSubgraph({ databaseUrl: config.databaseUrl, port: config.port, bus });
    return { ...server, close: () => server.close().finally(() => bus.close()) };
  },
});
