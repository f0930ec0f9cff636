import type pg from 'pg';
import { createPrismaAdapter, createServicePool, type PrismaAdapter, type PrismaAdapterOptions } from './prisma-adapter.js';
import { SqlReads } from './sql-reads.js';

interface PrismaLike {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $disconnect(): Promise<void>;
}

/**
 * A service's database: a pg Pool under its Prisma client (the schema's owner: migrations and every write) and one
 * under its hot reads (SqlReads: prepared statements, no query interpreter, each planned once per session: PostgreSQL's
 * default re-planned the page statements on every execution, about half of their CPU). Two pools because the planning
 * mode is a session setting and would also give Prisma's (unnamed) statements generic plans; both open connections
 * only as they are needed.
 */
export class ServiceDatabase<Prisma extends PrismaLike> {
  private ended = false;

  constructor(
    readonly prisma: Prisma,
    readonly reads: SqlReads,
    private readonly pools: readonly pg.Pool[],
  ) {}

  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T> {
    return this.prisma.$queryRawUnsafe<T>(query, ...values);
  }

  /** Prisma first (it lets go of its pool), then the pools themselves. */
  async $disconnect(): Promise<void> {
    try {
      await this.prisma.$disconnect();
    } finally {
      if (!this.ended) {
        this.ended = true;
        await Promise.all(this.pools.map((pool) => pool.end()));
      }
    }
  }
}

/**
 * Opens a service's database: `createPrisma` is the service's own factory (its generated PrismaClient), `Decimal` its
 * generated client's Decimal (numeric columns read by SqlReads are of that class, as Prisma's are).
 */
export function openServiceDatabase<Prisma extends PrismaLike>(
  url: string,
  createPrisma: (adapter: PrismaAdapter, onStatement?: (sql: string) => void) => Prisma,
  Decimal: new (text: string) => unknown,
  onStatement?: (sql: string) => void,
  options: PrismaAdapterOptions = {},
): ServiceDatabase<Prisma> {
  const pool = createServicePool(url, options);
  const readsPool = createServicePool(url, { ...options, genericPlans: true });
  const reads = new SqlReads(readsPool, { onStatement, decimal: (text) => new Decimal(text) });
  return new ServiceDatabase(createPrisma(createPrismaAdapter(pool, options), onStatement), reads, [pool, readsPool]);
}
