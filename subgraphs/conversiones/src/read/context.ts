import type { Bus } from '@alpes/messaging';
import type { Identity } from '@alpes/security';
import type { ConversionesPrisma } from '../infrastructure/prisma-client.js';
import { ConversionLoaders } from './conversion-loaders.js';

export interface ConversionesContext {
  prisma: ConversionesPrisma;
  loaders: ConversionLoaders;
  bus: Bus;
  /** Verified by the subgraph from the identity the gateway signed. */
  identity: Identity;
}

export function createConversionesContext(prisma: ConversionesPrisma, bus: Bus, identity: Identity): ConversionesContext {
  return { prisma, bus, identity, loaders: new ConversionLoaders(prisma) };
}
