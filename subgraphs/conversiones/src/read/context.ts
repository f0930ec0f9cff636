import { RequestReads } from '@alpes/database';
import type { Bus } from '@alpes/messaging';
import type { Identity } from '@alpes/security';
import type { ConversionesDatabase, ConversionesPrisma } from '../infrastructure/prisma-client.js';
import { ConversionLoaders } from './conversion-loaders.js';

export interface ConversionesContext {
  /** Prisma and the hot reads (prepared statements) over one pool. */
  database: ConversionesDatabase;
  /** This request's hot reads: a statement two of its resolvers need runs once (a gateway merges reads). */
  reads: RequestReads;
  prisma: ConversionesPrisma;
  loaders: ConversionLoaders;
  bus: Bus;
  /** Verified by the subgraph from the identity the gateway signed. */
  identity: Identity;
}

export function createConversionesContext(database: ConversionesDatabase, bus: Bus, identity: Identity): ConversionesContext {
  return { database, reads: new RequestReads(database.reads), prisma: database.prisma, bus, identity, loaders: new ConversionLoaders(database) };
}
