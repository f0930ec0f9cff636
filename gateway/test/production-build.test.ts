// `npm run start -w gateway`, the production command (the Docker image's, bench:query's): npm's prestart bundles the
// gateway (build.mjs) and plain node runs dist/main.mjs, no tsx. The bundle must start from the committed supergraph and
// find the files its sources read next to themselves (subscription.graphql, the playground's script).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedProcess, childEnvironment, freePort } from '@alpes/testing';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the gateway as its production bundle (npm run start -w gateway)', () => {
  let gateway: ManagedProcess;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    gateway = new ManagedProcess(
      'gateway (dist/main.mjs)',
      'npm',
      ['run', 'start', '-w', 'gateway'],
      childEnvironment({
        PORT: String(port),
        SUPERGRAPH_FILE: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)),
        AUTH_JWT_SECRET: randomBytes(36).toString('base64'),
        BUS: 'memory',
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: '',
      }),
    ).start();
    await gateway.waitForReady(`${origin}/health`); // /ready also wants the subgraphs, not running here
  }, 120_000);
  afterAll(() => gateway?.stop(10_000));

  it('is built first, then run by plain node from dist/main.mjs', () => {
    expect(gateway.output()).toContain('gateway: built dist/main.mjs');
    expect(gateway.output()).toContain('exec node dist/main.mjs');
  });

  it('serves the playground page and the script it reads next to its source', async () => {
    const page = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('playground-config');
    const script = await fetch(`${origin}/playground/playground.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100);
  });

  it('answers a GraphQL request (an anonymous one is refused with a GraphQL error, as from the sources)', async () => {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.data ?? body.errors?.[0]?.extensions?.code).toBeTruthy();
  });
});
