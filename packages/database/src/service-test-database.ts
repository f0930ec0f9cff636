import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDatabase } from './connection-url.js';
import { createDatabaseIfMissing, dropDatabaseIfExists, randomDatabaseName, withServerClient } from './database-admin.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { applyMigrations } from './migration-apply.js';
import type { ServiceName } from './services.js';

export interface ServiceTestDatabase {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A fresh, migrated database for one service's tests. With TEST_POSTGRES_URL it is created on that real
 * server and dropped afterwards; otherwise an embedded PostgreSQL runs in a temporary folder.
 */
export async function startServiceTestDatabase(service: ServiceName): Promise<ServiceTestDatabase> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (serverUrl) {
    const name = randomDatabaseName(`test_${service}`);
    await withServerClient(serverUrl, (client) => createDatabaseIfMissing(client, name));
    const url = withDatabase(serverUrl, name);
    await applyMigrations({ service, url });
    return { url, stop: () => withServerClient(serverUrl, (client) => dropDatabaseIfExists(client, name)) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), `alpes-${service}-pg-`));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when tests run as root
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), databases: [service] });
  const url = server.urlFor(service);
  await applyMigrations({ service, url });
  return {
    url,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
