import type { Bus } from '@alpes/messaging';
import type { MarketingPrisma } from '../infrastructure/prisma-client.js';
import { MarketingLoaders } from './marketing-loaders.js';

export interface MarketingContext {
  prisma: MarketingPrisma;
  loaders: MarketingLoaders;
  bus: Bus;
}

export function createMarketingContext(prisma: MarketingPrisma, bus: Bus): MarketingContext {
  return { prisma, bus, loaders: new MarketingLoaders(prisma) };
}
