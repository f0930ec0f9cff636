export { startMarketingSubgraph, type MarketingSubgraphOptions } from './service.js';
export type { RetryPolicy } from './write/start-marketing-workers.js';
export { createMarketingPrisma, openMarketingDatabase, type MarketingDatabase, type MarketingPrisma } from './infrastructure/prisma-client.js';
export { calcularComision, type ResultadoComision } from './domain/calcular-comision.js';
export { Porcentaje } from '@alpes/contracts';
