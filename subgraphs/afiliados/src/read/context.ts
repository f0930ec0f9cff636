import { RequestReads } from '@alpes/database';
import type { Bus } from '@alpes/messaging';
import type { Identity } from '@alpes/security';
import type { AfiliadosDatabase, AfiliadosPrisma } from '../infrastructure/prisma-client.js';
import { createAfiliadoLoaders, type AfiliadoLoaders } from './afiliado-loaders.js';

export interface AfiliadosContext {
  /** Prisma and the hot reads (prepared statements) over one pool. */
  database: AfiliadosDatabase;
  /** This request's hot reads: a statement two of its resolvers need runs once (a gateway merges reads). */
  reads: RequestReads;
  prisma: AfiliadosPrisma;
  loaders: AfiliadoLoaders;
  bus: Bus;
  /** Verified by the subgraph from the identity the gateway signed. */
  identity: Identity;
}

export function createAfiliadosContext(database: AfiliadosDatabase, bus: Bus, identity: Identity): AfiliadosContext {
  return { database, reads: new RequestReads(database.reads), prisma: database.prisma, bus, identity, loaders: createAfiliadoLoaders(database) };
}
