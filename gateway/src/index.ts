export { startGateway, type GatewayOptions, type RunningGateway } from './gateway-server.js';
export { composeSubgraphFiles, defaultSubgraphEndpoints, describeCompositionErrors } from './composition/compose-subgraph-files.js';
export type { SupergraphSource } from './composition/supergraph-source.js';
export { gatewayConfigSchema, supergraphSourceOf, type GatewayConfig } from './config.js';
export type { SubgraphEndpoint } from './composition/subgraph-list.js';
export type { RunningSubscriptions } from './subscriptions/subscription-server.js';
export { encodeEventoId, decodeEventoId } from './subscriptions/event-cursor.js';
export { DEFAULT_COMMAND_STATUS_WINDOW_MS, type EstadoComando } from './subscriptions/command-status.js';
