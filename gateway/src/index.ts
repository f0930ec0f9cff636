export { startGateway, type GatewayOptions, type RunningGateway } from './gateway-server.js';
export { composeSubgraphFiles, defaultSubgraphEndpoints, describeCompositionErrors } from './composition/compose-subgraph-files.js';
export type { SupergraphSource } from './composition/supergraph-source.js';
export type { SubgraphEndpoint } from './composition/subgraph-list.js';
