import { createPrismaAdapter } from '@alpes/database';
import { PrismaClient } from '../generated/prisma/client.js';

export type AfiliadosPrisma = PrismaClient;

/** The afiliados database. onStatement sees every SQL statement Prisma issues (tests count them). */
export function createAfiliadosPrisma(databaseUrl: string, onStatement?: (sql: string) => void): AfiliadosPrisma {
  const prisma = new PrismaClient({
    adapter: createPrismaAdapter(databaseUrl),
    errorFormat: 'minimal', // no source-code frames on errors: building them costs CPU on every failed query
    log: onStatement ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (onStatement) prisma.$on('query' as never, (event: { query: string }) => onStatement(event.query));
  return prisma;
}
