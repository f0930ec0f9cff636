// Two gateway PROCESSES (`npm run start -w gateway`) on the machine's Redis (127.0.0.1:6379) share one budget per
// client: RATE_LIMIT_REDIS_URL, with a key prefix of this run's own. Their subgraphs are a test stack's.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackAuthOf } from '@alpes/security';
import { startTestStack } from '@alpes/local-stack';
import { ManagedProcess, childEnvironment, freePort } from '@alpes/testing';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const secret = randomBytes(36).toString('base64');
const authDir = mkdtempSync(join(tmpdir(), 'alpes-rate-auth-'));
let stack: Awaited<ReturnType<typeof startTestStack>>;
const gateways: { process: ManagedProcess; url: string }[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 2, conversiones: 2 }, auth: stackAuthOf({ AUTH_JWT_SECRET: secret }, authDir) });
  const keyPrefix = `alpes-test:rate:${randomBytes(6).toString('hex')}`;
  for (const name of ['gateway-a', 'gateway-b']) {
    const port = await freePort();
    const managed = new ManagedProcess(
      name,
      'npm',
      ['run', 'start', '-w', 'gateway'],
      childEnvironment({
        PORT: String(port),
        AFILIADOS_URL: stack.urls.afiliados,
        CONVERSIONES_URL: stack.urls.conversiones,
        MARKETING_URL: stack.urls.marketing,
        AUTH_JWT_SECRET: secret,
        RATE_LIMIT_PER_SECOND: '1',
        RATE_LIMIT_BURST: '6',
        RATE_LIMIT_REDIS_URL: REDIS_URL,
        RATE_LIMIT_KEY_PREFIX: keyPrefix,
        PLAYGROUND: 'false',
        LOG_LEVEL: 'warn',
      }),
    );
    gateways.push({ process: managed.start(), url: `http://127.0.0.1:${port}/graphql` });
  }
  await Promise.all(gateways.map(({ process: managed, url }) => managed.waitForReady(url.replace('/graphql', '/ready'))));
}, 180_000);
afterAll(async () => {
  for (const { process: managed } of gateways) await managed.stop();
  await stack?.stop();
  rmSync(authDir, { recursive: true, force: true });
});

describe('RATE_LIMIT_REDIS_URL: gateway instances share each client budget', () => {
  it('ten requests at once, five to each process: six admitted in all (the burst), not six per process', async () => {
    const authorization = `Bearer ${await stack.token('admin', { sub: 'shared-budget' })}`;
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        fetch(gateways[index % 2]!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: '{ afiliados(first: 1) { totalCount } }' }),
        }).then(async (response) => ({
          gateway: index % 2,
          status: response.status,
          code: ((await response.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code,
        })),
      ),
    );
    const admitted = statuses.filter((answer) => answer.status === 200);
    const refused = statuses.filter((answer) => answer.status === 429);
    // with a bucket per process each would admit all five of its own (burst 6): ten in all
    expect(admitted).toHaveLength(6);
    expect(refused).toHaveLength(4);
    for (const answer of refused) expect(answer.code).toBe('RATE_LIMITED');
  });
});
