// Which committed migrations a database has not applied yet, read from Prisma's _prisma_migrations.
import pg from 'pg';
import { databaseNameOf, toPoolConfig } from './connection-url.js';
import { listMigrationDirectories } from './migration-files.js';
import { resolveServiceFiles, type ServiceFiles } from './service-paths.js';

export interface DatabaseMigrationsTarget extends ServiceFiles {
  /** URL of the service's database. */
  url: string;
}

const UNDEFINED_DATABASE = '3D000';

/** Names of the migrations recorded as applied (finished, not rolled back); empty without the table. */
export async function appliedMigrationNames(client: pg.Client): Promise<Set<string>> {
  const table = await client.query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`);
  if (!table.rows[0]?.exists) return new Set();
  const rows = await client.query<{ migration_name: string }>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  return new Set(rows.rows.map((row) => row.migration_name));
}

/** Committed migrations (oldest first) that the database has not applied. All of them if the database does not exist. */
export async function pendingMigrations(target: DatabaseMigrationsTarget): Promise<string[]> {
  const committed = await listMigrationDirectories(resolveServiceFiles(target).migrationsDir);
  if (committed.length === 0) return [];
  const client = new pg.Client(toPoolConfig(target.url));
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_DATABASE) return committed;
    throw error;
  }
  try {
    const applied = await appliedMigrationNames(client);
    return committed.filter((name) => !applied.has(name));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export class PendingMigrationsError extends Error {
  constructor(
    readonly service: string,
    readonly database: string,
    readonly pending: readonly string[],
  ) {
    super(
      `The ${service} database "${database}" has ${pending.length} pending migration(s): ${pending.join(', ')}. ` +
        'Run `npm run db:migrate` (or set MIGRATE_ON_START=true) before starting the service.',
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Throws PendingMigrationsError naming the unapplied migrations, if any. */
export async function assertNoPendingMigrations(target: DatabaseMigrationsTarget): Promise<void> {
  const pending = await pendingMigrations(target);
  if (pending.length > 0) throw new PendingMigrationsError(target.service, databaseNameOf(target.url), pending);
}
