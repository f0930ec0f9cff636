// Applies pending migrations with Prisma's own engine call, so _prisma_migrations is written by
// Prisma itself (the same rows `prisma migrate deploy` writes and reads).
import pg from 'pg';
import { databaseNameOf, toPoolConfig } from './connection-url.js';
import { createDatabaseIfMissing, withServerClient } from './database-admin.js';
import { readMigrationList } from './migration-files.js';
import { appliedMigrationNames, type DatabaseMigrationsTarget } from './migration-status.js';
import { withSchemaEngine, type SchemaEngineLogLine } from './schema-engine.js';
import { resolveServiceFiles } from './service-paths.js';

export interface ApplyMigrationsOptions extends DatabaseMigrationsTarget {
  log?: (line: SchemaEngineLogLine) => void;
}

export interface ApplyMigrationsResult {
  /** Migrations applied by this call, oldest first (empty when the database was up to date). */
  applied: string[];
}

/** Our own lock, held around "what is pending? apply it": concurrent callers wait, then find nothing to do. */
const LOCK_KEY = 'alpespartner:db:migrate';
const UNDEFINED_DATABASE = '3D000';

/**
 * Applies the committed migrations the database lacks and records them in _prisma_migrations.
 * Creates the database when it does not exist (as `prisma migrate deploy` does). Idempotent;
 * safe to call concurrently on one database.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const { migrationsDir } = resolveServiceFiles(options);
  const migrations = await readMigrationList(migrationsDir);
  if (migrations.migrationDirectories.length === 0) return { applied: [] };

  const client = await connectCreatingDatabase(options.url);
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [LOCK_KEY]);
    const applied = await appliedMigrationNames(client);
    if (migrations.migrationDirectories.every((migration) => applied.has(migration.path))) return { applied: [] };
    const names = await withSchemaEngine({ url: options.url, log: options.log }, (engine) => engine.applyMigrations(migrations));
    return { applied: names };
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end().catch(() => undefined);
  }
}

async function connectCreatingDatabase(url: string): Promise<pg.Client> {
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client(toPoolConfig(url));
    client.on('error', () => undefined); // a dropped connection surfaces on the next query
    await client.connect();
    return client;
  };
  try {
    return await connect();
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE) throw error;
    await withServerClient(url, (admin) => createDatabaseIfMissing(admin, databaseNameOf(url)));
    return connect();
  }
}
