import { RequestReads } from '@alpes/database';
import type { Bus } from '@alpes/messaging';
import { rowScope, SCOPES, type Identity, type RowScope } from '@alpes/security';
import type { MarketingDatabase, MarketingPrisma } from '../infrastructure/prisma-client.js';
import { MarketingLoaders } from './marketing-loaders.js';

export interface MarketingContext {
  /** Prisma and the hot reads (prepared statements) over one pool. */
  database: MarketingDatabase;
  /** This request's hot reads: a statement two of its resolvers need runs once (a gateway merges reads). */
  reads: RequestReads;
  prisma: MarketingPrisma;
  loaders: MarketingLoaders;
  bus: Bus;
  /** Verified by the subgraph from the identity the gateway signed. */
  identity: Identity;
  /** Which campaigns and commissions it may read: all, an affiliate user's own (assigned campaigns), or none. */
  visibles: { campanas: RowScope; comisiones: RowScope };
}

export function createMarketingContext(database: MarketingDatabase, bus: Bus, identity: Identity): MarketingContext {
  const visibles = { campanas: rowScope(identity, SCOPES.campanasRead), comisiones: rowScope(identity, SCOPES.comisionesRead) };
  return { database, reads: new RequestReads(database.reads), prisma: database.prisma, bus, identity, visibles, loaders: new MarketingLoaders(database) };
}
