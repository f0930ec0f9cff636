import type { Bus } from '@alpes/messaging';
import type { Identity } from '@alpes/security';
import type { AfiliadosPrisma } from '../infrastructure/prisma-client.js';
import { createAfiliadoLoaders, type AfiliadoLoaders } from './afiliado-loaders.js';

export interface AfiliadosContext {
  prisma: AfiliadosPrisma;
  loaders: AfiliadoLoaders;
  bus: Bus;
  /** Verified by the subgraph from the identity the gateway signed. */
  identity: Identity;
}

export function createAfiliadosContext(prisma: AfiliadosPrisma, bus: Bus, identity: Identity): AfiliadosContext {
  return { prisma, bus, identity, loaders: createAfiliadoLoaders(prisma) };
}
