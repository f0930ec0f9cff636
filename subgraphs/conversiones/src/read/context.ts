import type { Bus } from '@alpes/messaging';
import type { ConversionesPrisma } from '../infrastructure/prisma-client.js';
import { ConversionLoaders } from './conversion-loaders.js';

export interface ConversionesContext {
  prisma: ConversionesPrisma;
  loaders: ConversionLoaders;
  bus: Bus;
}

export function createConversionesContext(prisma: ConversionesPrisma, bus: Bus): ConversionesContext {
  return { prisma, bus, loaders: new ConversionLoaders(prisma) };
}
