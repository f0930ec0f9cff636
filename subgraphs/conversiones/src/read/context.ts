import type { ConversionesPrisma } from '../infrastructure/prisma-client.js';
import { ConversionLoaders } from './conversion-loaders.js';

export interface ConversionesContext {
  prisma: ConversionesPrisma;
  loaders: ConversionLoaders;
}

export function createConversionesContext(prisma: ConversionesPrisma): ConversionesContext {
  return { prisma, loaders: new ConversionLoaders(prisma) };
}
