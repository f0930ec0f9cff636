// Creating and dropping databases on a PostgreSQL server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { quoteIdentifier, toPoolConfig, withDatabase } from './connection-url.js';

const DUPLICATE_DATABASE = '42P04';

/** Runs fn with a client connected to the server's maintenance database (the URL's database is ignored). */
export async function withServerClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(toPoolConfig(withDatabase(serverUrl, 'postgres')));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createDatabaseIfMissing(client: pg.Client, name: string): Promise<boolean> {
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount) return false;
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false; // created concurrently
    throw error;
  }
}

/** Drops the database even when sessions are still connected (PostgreSQL ≥ 13). */
export async function dropDatabaseIfExists(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}

export function randomDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Creates a fresh database on the server, runs fn with its URL, drops it afterwards. */
export async function withTemporaryDatabase<T>(serverUrl: string, prefix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = randomDatabaseName(prefix);
  await withServerClient(serverUrl, (client) => createDatabaseIfMissing(client, name));
  try {
    return await fn(withDatabase(serverUrl, name));
  } finally {
    await withServerClient(serverUrl, (client) => dropDatabaseIfExists(client, name));
  }
}
