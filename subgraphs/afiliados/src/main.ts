// The afiliados subgraph as its own process: npm run start -w subgraphs/afiliados
import { prepareServiceDatabase } from '@alpes/database';
import { runSubgraphProcess } from '@alpes/platform';
import { startAfiliadosSubgraph } from './service.js';

await runSubgraphProcess({
  service: 'afiliados',
  defaultPort: 4001,
  prepareDatabase: (config) => prepareServiceDatabase('afiliados', config),
  start: (config) => startAfiliadosSubgraph({ databaseUrl: config.databaseUrl, port: config.port }),
});
