import type { SqlExecutor } from './sql-client.js';

/** What the relay has not published yet: the /metrics gauges and /status of every service read it at each scrape. */
export interface OutboxState {
  pendingRows: number;
  oldestPendingSeconds: number;
}

export async function readOutboxState(db: Pick<SqlExecutor, '$queryRawUnsafe'>): Promise<OutboxState> {
  const [row] = await db.$queryRawUnsafe<{ pending: number; oldest: number | null }[]>(
    `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
       FROM outbox_messages WHERE published_at IS NULL`,
  );
  return { pendingRows: row?.pending ?? 0, oldestPendingSeconds: Math.max(0, row?.oldest ?? 0) };
}
