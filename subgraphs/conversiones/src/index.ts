export { startConversionesSubgraph, type ConversionesSubgraphOptions } from './service.js';
export { createConversionesPrisma, openConversionesDatabase, type ConversionesDatabase, type ConversionesPrisma } from './infrastructure/prisma-client.js';
