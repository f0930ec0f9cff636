export { startAfiliadosSubgraph, type AfiliadosSubgraphOptions } from './service.js';
export { createAfiliadosPrisma, openAfiliadosDatabase, type AfiliadosDatabase, type AfiliadosPrisma } from './infrastructure/prisma-client.js';
