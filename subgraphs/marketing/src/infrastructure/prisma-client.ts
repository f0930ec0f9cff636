import { createPrismaAdapter, openServiceDatabase, type PrismaAdapter, type ServiceDatabase } from '@alpes/database';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type MarketingPrisma = PrismaClient;
/** The Prisma client and the hot reads (SqlReads) over one pool. */
export type MarketingDatabase = ServiceDatabase<MarketingPrisma>;

/** The marketing database. onStatement sees every SQL statement Prisma issues (tests count them). */
export function createMarketingPrisma(database: string | PrismaAdapter, onStatement?: (sql: string) => void): MarketingPrisma {
  const prisma = new PrismaClient({
    adapter: typeof database === 'string' ? createPrismaAdapter(database) : database,
    errorFormat: 'minimal', // no source-code frames on errors: building them costs CPU on every failed query
    log: onStatement ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (onStatement) prisma.$on('query' as never, (event: { query: string }) => onStatement(event.query));
  return prisma;
}

/** Prisma and the hot reads on one pool; onStatement sees the statements of both. */
export function openMarketingDatabase(databaseUrl: string, onStatement?: (sql: string) => void): MarketingDatabase {
  return openServiceDatabase(databaseUrl, createMarketingPrisma, Prisma.Decimal, onStatement);
}
