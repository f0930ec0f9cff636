import type { AfiliadosPrisma } from '../infrastructure/prisma-client.js';
import { createAfiliadoLoaders, type AfiliadoLoaders } from './afiliado-loaders.js';

export interface AfiliadosContext {
  prisma: AfiliadosPrisma;
  loaders: AfiliadoLoaders;
}

export function createAfiliadosContext(prisma: AfiliadosPrisma): AfiliadosContext {
  return { prisma, loaders: createAfiliadoLoaders(prisma) };
}
