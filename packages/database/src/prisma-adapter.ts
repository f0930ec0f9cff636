// The one way every service builds its Prisma client:
//   new PrismaClient({ adapter: createPrismaAdapter(url) })   or, over a pool of its own making:
//   new PrismaClient({ adapter: createPrismaAdapter(createServicePool(url)) })
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { toPoolConfig } from './connection-url.js';
import { statementTimeoutFromEnvironment } from './statement-timeout.js';

/** What a service's PrismaClient takes as `adapter`. */
export type PrismaAdapter = PrismaPg;

export interface PrismaAdapterOptions {
  /** Pool size (pg's default is 10). */
  max?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted); default: ignore, pg reconnects. */
  onPoolError?: (error: Error) => void;
  /** statement_timeout of every session (ms, 0 = none); default DATABASE_STATEMENT_TIMEOUT_MS, else 8 000. */
  statementTimeoutMs?: number;
  /**
   * Every session plans its prepared statements once (plan_cache_mode=force_generic_plan) instead of PostgreSQL's
   * default of re-planning each execution whose custom plan looks cheaper: SqlReads' pool, whose statements are keyed
   * lookups (ids, arrays of ids, equality filters) whose plans do not depend on the values.
   */
  genericPlans?: boolean;
}

/**
 * A service's pg Pool: every session with the statement timeout; an idle connection that fails never crashes the process.
 *
 * Without genericPlans (Prisma's pool: the writes), every session plans each execution of a cached plan anew
 * (plan_cache_mode=force_custom_plan). Prisma sends unnamed statements, planned each time anyway; the cached plans in
 * those sessions are PostgreSQL's own foreign-key checks (`SELECT 1 FROM ONLY campanas x WHERE id = $1 FOR KEY SHARE`),
 * which by default switch to a generic plan after five executions and keep it for the session. Made while the parent
 * table was small and analyzed (the demo seed's VACUUM (ANALYZE), a new deployment), that plan is a sequential scan,
 * and it stays one while the table grows, until an autoanalyze happens to invalidate it: bench:pulsar measured 10 s of
 * PostgreSQL's 24 s in those checks over 20,000 commands (0.5 ms and 145 pages each). Planned for the table as it is,
 * the check takes the primary key (8 µs); PostgreSQL's CPU per command fell from 0.65 to 0.30 ms, planning included.
 */
export function createServicePool(url: string, options: PrismaAdapterOptions = {}): pg.Pool {
  const statementTimeout = options.statementTimeoutMs ?? statementTimeoutFromEnvironment();
  const pool = new pg.Pool(
    toPoolConfig(url, {
      ...(options.max === undefined ? {} : { max: options.max }),
      ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
      options: `-c plan_cache_mode=${options.genericPlans ? 'force_generic_plan' : 'force_custom_plan'}`,
    }),
  );
  pool.on('error', options.onPoolError ?? (() => undefined));
  return pool;
}

/** Prisma's adapter over a new pool for `url`, or over `pool` (which its owner ends: Prisma's $disconnect does not). */
export function createPrismaAdapter(source: string | pg.Pool, options: PrismaAdapterOptions = {}): PrismaPg {
  const pool = typeof source === 'string' ? createServicePool(source, options) : source;
  // one pg at runtime; the adapter's types come from its own copy of @types/pg, so they name the same Pool differently
  return new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0], {
    onPoolError: options.onPoolError ?? (() => undefined),
    disposeExternalPool: typeof source === 'string',
  });
}
