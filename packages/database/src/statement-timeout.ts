import { z } from 'zod';

/** Below the gateway's REQUEST_TIMEOUT_MS (10 s): the database gives up on a statement before the client does. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 8_000;

const statementTimeoutSchema = z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_STATEMENT_TIMEOUT_MS);

/**
 * DATABASE_STATEMENT_TIMEOUT_MS: PostgreSQL's statement_timeout on every session of a service's Prisma pool, so a
 * query a gateway has stopped waiting for (its deadline passed) does not run on. 0 turns it off.
 */
export function statementTimeoutFromEnvironment(environment: NodeJS.ProcessEnv = process.env): number {
  const result = statementTimeoutSchema.safeParse(environment.DATABASE_STATEMENT_TIMEOUT_MS);
  if (!result.success)
    throw new Error(`DATABASE_STATEMENT_TIMEOUT_MS: ${result.error.issues.map((issue) => issue.message).join('; ')} (milliseconds, 0 = no limit)`);
  return result.data;
}
