// Fresh, empty databases on a real PostgreSQL server for one stack, and the way the README migrates them.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SERVICE_DATABASES,
  createDatabaseIfMissing,
  databaseUrlEnvName,
  dropDatabaseIfExists,
  randomDatabaseName,
  startEmbeddedPostgres,
  withDatabase,
  withServerClient,
  type ServiceName,
} from '@alpes/database';
import { freePort } from '../free-port.js';
import { childEnvironment, runToCompletion } from './managed-process.js';

/** The server TEST_POSTGRES_URL names, if set. */
const CONFIGURED_SERVER_URL = process.env.TEST_POSTGRES_URL?.trim() || undefined;

/** The server of the production-shaped stacks and benches (TEST_POSTGRES_URL, default the machine's on 5432). */
export const POSTGRES_SERVER_URL = CONFIGURED_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type DatabaseUrls = Record<ServiceName, string>;

export interface FreshDatabases {
  urls: DatabaseUrls;
  drop(): Promise<void>;
}

/**
 * Three new, empty databases with random names (nothing migrated); drop() removes them. On `serverUrl`; by default on
 * TEST_POSTGRES_URL, or, when that is unset, on an embedded PostgreSQL started for them (drop() stops it), like the
 * rest of `npm test`: nothing has to be running beforehand.
 */
export async function createFreshDatabases(serverUrl: string | undefined = CONFIGURED_SERVER_URL, prefix = 'e2e'): Promise<FreshDatabases> {
  if (serverUrl === undefined) return freshDatabasesOnEmbeddedServer(prefix);
  const urls = Object.fromEntries(
    SERVICE_DATABASES.map((service) => [service, withDatabase(serverUrl, randomDatabaseName(`${prefix}_${service}`))]),
  ) as DatabaseUrls;
  const names = Object.values(urls).map((url) => decodeURIComponent(new URL(url).pathname.slice(1)));
  await withServerClient(serverUrl, async (client) => {
    for (const name of names) await createDatabaseIfMissing(client, name);
  });
  return {
    urls,
    drop: () =>
      withServerClient(serverUrl, async (client) => {
        for (const name of names) await dropDatabaseIfExists(client, name);
      }),
  };
}

async function freshDatabasesOnEmbeddedServer(prefix: string): Promise<FreshDatabases> {
  const parent = mkdtempSync(join(tmpdir(), `alpes-${prefix}-pg-`));
  chmodSync(parent, 0o755); // PostgreSQL runs as the postgres user when tests run as root
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), port: await freePort(), databases: [] });
  try {
    const databases = await createFreshDatabases(server.urlFor('postgres'), prefix);
    return {
      urls: databases.urls,
      async drop() {
        await server.stop();
        rmSync(parent, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export function databaseEnvironment(urls: DatabaseUrls): Record<string, string> {
  return Object.fromEntries(SERVICE_DATABASES.map((service) => [databaseUrlEnvName(service), urls[service]]));
}

/** `npm run db:migrate` with the three *_DATABASE_URL set, as the README says. */
export function migrateWithNpm(urls: DatabaseUrls): Promise<string> {
  return runToCompletion('db:migrate', 'npm', ['run', 'db:migrate'], childEnvironment(databaseEnvironment(urls)));
}
