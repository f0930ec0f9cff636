// Fresh databases with a random suffix on the test run's PostgreSQL server (see postgres-server.global.ts), dropped after the tests.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabaseIfMissing, dropDatabaseIfExists, randomDatabaseName, withServerClient } from '../../src/database-admin.js';
import { withDatabase } from '../../src/connection-url.js';
import { migrationsDirOf } from '../../src/service-paths.js';
import { listMigrationDirectories } from '../../src/migration-files.js';
import type { ServiceName } from '../../src/services.js';

/** The server of this test run: TEST_POSTGRES_URL, or the embedded one postgres-server.global.ts started. */
export const SERVER_URL = inject('postgresServerUrl');

const created = new Set<string>();
const tempDirs = new Set<string>();

/** URL of a database name that does not exist yet (dropped by cleanUp if something creates it). */
export function unusedDatabaseUrl(prefix = 'alpes_test'): string {
  const name = randomDatabaseName(prefix);
  created.add(name);
  return withDatabase(SERVER_URL, name);
}

export async function createTestDatabase(prefix = 'alpes_test'): Promise<string> {
  const url = unusedDatabaseUrl(prefix);
  await withServerClient(SERVER_URL, (client) => createDatabaseIfMissing(client, new URL(url).pathname.slice(1)));
  return url;
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** A copy of a service's committed migrations, optionally without the last `dropLast` of them. */
export async function copyOfMigrations(service: ServiceName, dropLast = 0): Promise<string> {
  const dir = join(await tempDir(`alpes-migrations-${service}-`), 'migrations');
  await cp(migrationsDirOf(service), dir, { recursive: true });
  const names = await listMigrationDirectories(dir);
  for (const name of names.slice(names.length - dropLast)) if (dropLast > 0) await rm(join(dir, name), { recursive: true });
  return dir;
}

export async function cleanUp(): Promise<void> {
  if (created.size > 0) {
    await withServerClient(SERVER_URL, async (client) => {
      for (const name of created) await dropDatabaseIfExists(client, name);
    });
  }
  created.clear();
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Databases on the server whose name starts with the prefix (to prove temporaries are dropped). */
export async function databasesNamed(prefix: string): Promise<string[]> {
  const rows = await query<{ datname: string }>(SERVER_URL, 'SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
  return rows.map((row) => row.datname);
}

export async function sha256OfFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}
