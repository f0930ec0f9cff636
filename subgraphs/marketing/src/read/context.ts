import type { MarketingPrisma } from '../infrastructure/prisma-client.js';
import { MarketingLoaders } from './marketing-loaders.js';

export interface MarketingContext {
  prisma: MarketingPrisma;
  loaders: MarketingLoaders;
}

export function createMarketingContext(prisma: MarketingPrisma): MarketingContext {
  return { prisma, loaders: new MarketingLoaders(prisma) };
}
