// BENCH_PG_STATEMENTS=1: what PostgreSQL spent its time on during one piece of a bench, per statement
// (pg_stat_statements, preloaded into the embedded server through EMBEDDED_POSTGRES_SETTINGS before the stack starts).
import pg from 'pg';

export const STATEMENT_STATS_ON = process.env.BENCH_PG_STATEMENTS === '1';
if (STATEMENT_STATS_ON) process.env.EMBEDDED_POSTGRES_SETTINGS ??= 'shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all';

interface StatementRow {
  datname: string;
  calls: string;
  total_ms: number;
  mean_ms: number;
  rows: string;
  blocks: string;
  query: string;
}

const TOP_STATEMENTS_SQL = `SELECT d.datname, s.calls::text, s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms, s.rows::text,
       (s.shared_blks_hit + s.shared_blks_read)::text AS blocks, regexp_replace(s.query, '\\s+', ' ', 'g') AS query
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
 ORDER BY s.total_exec_time DESC LIMIT $1`;

async function onServer<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` with the server's statement statistics reset first, then prints the top statements by execution time. */
export async function withStatementStats<T>(title: string, databaseUrl: string, units: number, work: () => Promise<T>): Promise<T> {
  if (!STATEMENT_STATS_ON) return work();
  await onServer(databaseUrl, async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  });
  const result = await work();
  const rows = await onServer(databaseUrl, async (client) => (await client.query<StatementRow>(TOP_STATEMENTS_SQL, [12])).rows);
  const total = rows.reduce((sum, row) => sum + row.total_ms, 0);
  console.log(`${title}: PostgreSQL statements by execution time (top 12: ${total.toFixed(0)} ms, ${((total * 1000) / units).toFixed(1)} µs per unit)`);
  for (const row of rows) {
    const perUnit = ((row.total_ms * 1000) / units).toFixed(1).padStart(7);
    const line = `${perUnit} µs/unit ${row.total_ms.toFixed(0).padStart(6)} ms ${row.calls.padStart(7)} calls ${row.mean_ms.toFixed(3).padStart(8)} ms mean ${row.rows.padStart(7)} rows ${row.blocks.padStart(8)} blocks  ${row.datname}: ${row.query.slice(0, 110)}`;
    console.log(`    ${line}`);
  }
  return result;
}
