export { startConversionesSubgraph, type ConversionesSubgraphOptions } from './service.js';
export { createConversionesPrisma, type ConversionesPrisma } from './infrastructure/prisma-client.js';
