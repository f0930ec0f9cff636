import type { Bus } from '@alpes/messaging';
import type { AfiliadosPrisma } from '../infrastructure/prisma-client.js';
import { createAfiliadoLoaders, type AfiliadoLoaders } from './afiliado-loaders.js';

export interface AfiliadosContext {
  prisma: AfiliadosPrisma;
  loaders: AfiliadoLoaders;
  bus: Bus;
}

export function createAfiliadosContext(prisma: AfiliadosPrisma, bus: Bus): AfiliadosContext {
  return { prisma, bus, loaders: createAfiliadoLoaders(prisma) };
}
