// Fresh, empty databases on a real PostgreSQL server for one stack, and the way the README migrates them.
import {
  SERVICE_DATABASES,
  createDatabaseIfMissing,
  databaseUrlEnvName,
  dropDatabaseIfExists,
  randomDatabaseName,
  withDatabase,
  withServerClient,
  type ServiceName,
} from '@alpes/database';
import { childEnvironment, runToCompletion } from './managed-process.js';

/** The PostgreSQL server the databases are created on (TEST_POSTGRES_URL, default the machine's on 5432). */
export const POSTGRES_SERVER_URL = process.env.TEST_POSTGRES_URL?.trim() || 'postgresql://postgres@127.0.0.1:5432/postgres';

export type DatabaseUrls = Record<ServiceName, string>;

export interface FreshDatabases {
  urls: DatabaseUrls;
  drop(): Promise<void>;
}

/** Three new, empty databases with random names on the server (nothing migrated); drop() removes them. */
export async function createFreshDatabases(serverUrl = POSTGRES_SERVER_URL, prefix = 'e2e'): Promise<FreshDatabases> {
  const urls = Object.fromEntries(SERVICE_DATABASES.map((service) => [service, withDatabase(serverUrl, randomDatabaseName(`${prefix}_${service}`))])) as DatabaseUrls;
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

export function databaseEnvironment(urls: DatabaseUrls): Record<string, string> {
  return Object.fromEntries(SERVICE_DATABASES.map((service) => [databaseUrlEnvName(service), urls[service]]));
}

/** `npm run db:migrate` with the three *_DATABASE_URL set, as the README says. */
export function migrateWithNpm(urls: DatabaseUrls): Promise<string> {
  return runToCompletion('db:migrate', 'npm', ['run', 'db:migrate'], childEnvironment(databaseEnvironment(urls)));
}

