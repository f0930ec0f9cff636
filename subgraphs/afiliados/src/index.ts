export { startAfiliadosSubgraph, type AfiliadosSubgraphOptions } from './service.js';
export { createAfiliadosPrisma, type AfiliadosPrisma } from './infrastructure/prisma-client.js';
