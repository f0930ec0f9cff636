import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_DATABASES, createDatabaseIfMissing, dropDatabaseIfExists, randomDatabaseName, withDatabase, withServerClient } from '@alpes/database';
import { ephemeralStackAuth, type StackAuth } from '@alpes/security';
import { freePort } from '@alpes/testing';
import type { DatabaseUrls } from './databases.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from './local-stack.js';

export type TestStackOptions = Pick<LocalStackOptions, 'seed' | 'onStatement' | 'bus' | 'gatewaySecurity' | 'gateway'> & {
  /** 'embedded' ignores TEST_POSTGRES_URL: the embedded default keeps its own tests in CI. */
  database?: 'auto' | 'embedded';
  /** Default: an ephemeral ES256 key of its own (tokens from stack.token). */
  auth?: StackAuth;
};

/** The stack plus an admin's Authorization header ("Bearer …"), the identity most tests act as. */
export interface TestStack extends LocalStack {
  admin: string;
}

/**
 * The whole system on fresh databases, every server on a random port.
 * TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres) puts the databases on that real server,
 * created fresh and dropped afterwards; otherwise an embedded PostgreSQL runs in a temporary folder.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const ports = { gateway: 0, afiliados: 0, conversiones: 0, marketing: 0 };
  const { database, auth = ephemeralStackAuth(), ...rest } = options;
  const stackOptions = { ...rest, auth };
  const admin = `Bearer ${await auth.issuer!.issueForRole('admin', { ttl: '12h' })}`;
  const serverUrl = database === 'embedded' ? undefined : process.env.TEST_POSTGRES_URL;
  if (serverUrl) {
    const urls = Object.fromEntries(
      SERVICE_DATABASES.map((service) => [service, withDatabase(serverUrl, randomDatabaseName(`test_${service}`))]),
    ) as DatabaseUrls;
    await withServerClient(serverUrl, async (client) => {
      for (const url of Object.values(urls)) await createDatabaseIfMissing(client, new URL(url).pathname.slice(1));
    });
    const stack = await startLocalStack({ ...stackOptions, urls, ports });
    return {
      ...stack,
      admin,
      async stop() {
        await stack.stop();
        await withServerClient(serverUrl, async (client) => {
          for (const url of Object.values(urls)) await dropDatabaseIfExists(client, new URL(url).pathname.slice(1));
        });
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'alpes-test-pg-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when tests run as root
  const stack = await startLocalStack({ ...stackOptions, dataDir, postgresPort: await freePort(), ports });
  return {
    ...stack,
    admin,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
