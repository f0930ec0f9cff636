// The one way every service builds its Prisma client:
//   new PrismaClient({ adapter: createPrismaAdapter(url) })
import { PrismaPg } from '@prisma/adapter-pg';
import { toPoolConfig } from './connection-url.js';
import { statementTimeoutFromEnvironment } from './statement-timeout.js';

export interface PrismaAdapterOptions {
  /** Pool size (pg's default is 10). */
  max?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted); default: ignore, pg reconnects. */
  onPoolError?: (error: Error) => void;
  /** statement_timeout of every session (ms, 0 = none); default DATABASE_STATEMENT_TIMEOUT_MS, else 8 000. */
  statementTimeoutMs?: number;
}

export function createPrismaAdapter(url: string, options: PrismaAdapterOptions = {}): PrismaPg {
  const statementTimeout = options.statementTimeoutMs ?? statementTimeoutFromEnvironment();
  const pool = toPoolConfig(url, {
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
  });
  return new PrismaPg(pool, { onPoolError: options.onPoolError ?? (() => undefined) });
}
