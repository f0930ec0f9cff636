// The conversiones subgraph as its own process: npm run start -w subgraphs/conversiones
import { prepareServiceDatabase } from '@alpes/database';
import { runSubgraphProcess } from '@alpes/platform';
import { startConversionesSubgraph } from './service.js';

await runSubgraphProcess({
  service: 'conversiones',
  defaultPort: 4002,
  prepareDatabase: (config) => prepareServiceDatabase('conversiones', config),
  start: (config) => startConversionesSubgraph({ databaseUrl: config.databaseUrl, port: config.port }),
});
