// The marketing subgraph as its own process: npm run start -w subgraphs/marketing
import { prepareServiceDatabase } from '@alpes/database';
import { runSubgraphProcess } from '@alpes/platform';
import { startMarketingSubgraph } from './service.js';

await runSubgraphProcess({
  service: 'marketing',
  defaultPort: 4003,
  prepareDatabase: (config) => prepareServiceDatabase('marketing', config),
  start: (config) => startMarketingSubgraph({ databaseUrl: config.databaseUrl, port: config.port }),
});
