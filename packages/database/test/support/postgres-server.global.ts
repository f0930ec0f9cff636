// Vitest global setup: the PostgreSQL server the database tests create their databases on. TEST_POSTGRES_URL (the
// setting every other suite honours, e.g. the machine's server in CI) when set; otherwise an embedded PostgreSQL
// started here for this run, like the rest of `npm test`, so that nothing has to be running beforehand.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/embedded-postgres.js';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the server (its `postgres` database). */
    postgresServerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.TEST_POSTGRES_URL?.trim();
  if (configured) {
    project.provide('postgresServerUrl', configured);
    return async () => undefined;
  }
  const parent = mkdtempSync(join(tmpdir(), 'alpes-database-tests-'));
  chmodSync(parent, 0o755); // PostgreSQL runs as the postgres user when tests run as root
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), port: await freePort(55_400), databases: [] });
  project.provide('postgresServerUrl', server.urlFor('postgres'));
  return async () => {
    await server.stop();
    rmSync(parent, { recursive: true, force: true });
  };
}
