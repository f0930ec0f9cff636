// Every row of every table of the three service databases (inbox and outbox included): "no row" is checked here.
import pg from 'pg';

export class RowCounter {
  private constructor(private readonly clients: pg.Client[]) {}

  static async connect(databaseUrls: Record<string, string>): Promise<RowCounter> {
    const clients = Object.values(databaseUrls).map((connectionString) => new pg.Client({ connectionString }));
    await Promise.all(clients.map((client) => client.connect()));
    return new RowCounter(clients);
  }

  /** table → rows, for every table of every database (prefixed with the database's name). */
  async count(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const client of this.clients) {
      const tables = await client.query<{ name: string }>(
        `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      if (tables.rows.length === 0) continue;
      const union = tables.rows.map(({ name }) => `SELECT ${pg.escapeLiteral(name)} AS name, count(*)::int AS rows FROM ${name}`).join(' UNION ALL ');
      const result = await client.query<{ name: string; rows: number }>(union);
      for (const row of result.rows) counts[`${client.database}.${row.name}`] = row.rows;
    }
    return counts;
  }

  /** Inbox rows (every service's: a worker writes one per message it applies) of none of the `known` correlationIds. */
  async inboxRowsOutside(known: ReadonlySet<string>): Promise<number> {
    let rows = 0;
    for (const client of this.clients) {
      const result = await client.query<{ rows: number }>(
        'SELECT count(*)::int AS rows FROM inbox_messages WHERE NOT (correlation_id::text = ANY($1::text[]))',
        [[...known]],
      );
      rows += result.rows[0]?.rows ?? 0;
    }
    return rows;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.end().catch(() => {})));
  }
}

/** The tables whose row count differs, "table: before → after". */
export function rowDifferences(before: Record<string, number>, after: Record<string, number>): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...tables].filter((table) => before[table] !== after[table]).map((table) => `${table}: ${before[table] ?? 0} → ${after[table] ?? 0}`);
}
