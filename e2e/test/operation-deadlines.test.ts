// Deadlines (issue 10, item 5) on a real slow subgraph: marketing's `comisiones` table is locked by another session,
// so marketing's real queries wait in PostgreSQL. The gateway's REQUEST_TIMEOUT_MS bounds the whole plan and the
// fields marketing would have resolved answer TIMEOUT at their own paths (the partial-data rules of UNAVAILABLE);
// marketing's own sessions carry DATABASE_STATEMENT_TIMEOUT_MS, so PostgreSQL cancels the query the gateway gave up on.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubgraphIdentitySigner } from '@alpes/security';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL, userOfRole } from '@alpes/testing';

const REQUEST_TIMEOUT_MS = 1_200;
const STATEMENT_TIMEOUT_MS = 2_500;

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = String(STATEMENT_TIMEOUT_MS); // read when each subgraph opens its pool
  stack = await startTestStack({ seed: { afiliados: 3, conversiones: 5 }, gateway: { requestTimeoutMs: REQUEST_TIMEOUT_MS } });
});
afterAll(async () => {
  delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
  await stack?.stop();
});

/** Holds an ACCESS EXCLUSIVE lock on marketing's comisiones until released: every query reading it waits. */
async function lockComisiones(): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: stack.databaseUrls.marketing });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE comisiones IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

describe('request deadline (REQUEST_TIMEOUT_MS)', () => {
  it('answers at the deadline: what loaded stays, each field of the slow subgraph is null with TIMEOUT at its path', async () => {
    const release = await lockComisiones();
    try {
      const startedAt = performance.now();
      const { data, errors } = await postGraphQL(
        stack.gatewayUrl,
        '{ conversiones(first: 2) { nodes { id valor comision { monto } } } }',
        undefined,
        stack.admin,
      );
      const elapsed = performance.now() - startedAt;
      expect(elapsed).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000); // not the statement timeout (2.5 s), not the lock
      const nodes = data!.conversiones.nodes as { id: string; valor: string; comision: unknown }[];
      expect(nodes).toHaveLength(2);
      for (const node of nodes) expect(node).toEqual({ id: expect.any(String), valor: expect.any(String), comision: null });
      expect(errors!.map((error) => (error as { path?: unknown }).path)).toEqual([
        ['conversiones', 'nodes', 0, 'comision'],
        ['conversiones', 'nodes', 1, 'comision'],
      ]);
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: 'TIMEOUT', serviceName: 'marketing', timeoutMs: REQUEST_TIMEOUT_MS });
      expect(errors![0]!.message).toMatch(/marketing subgraph did not answer within the request's deadline of 1200 ms/);
    } finally {
      await release();
    }
  });

  it('a root field of the slow subgraph: null with TIMEOUT at its path, the other root fields answered', async () => {
    const { data: before } = await postGraphQL(stack.gatewayUrl, '{ comisiones(first: 1) { nodes { id } } }', undefined, stack.admin);
    const id = before!.comisiones.nodes[0].id as string;
    const release = await lockComisiones();
    try {
      const { data, errors } = await postGraphQL(
        stack.gatewayUrl,
        'query ($id: ID!) { afiliados(first: 1) { totalCount } comision(id: $id) { monto } }',
        { id },
        stack.admin,
      );
      expect(data).toEqual({ afiliados: { totalCount: 3 }, comision: null });
      expect(errors).toHaveLength(1);
      expect(errors![0]).toMatchObject({ path: ['comision'], extensions: { code: 'TIMEOUT', serviceName: 'marketing' } });
    } finally {
      await release();
    }
  });

  it('the gateway answers normally again once the subgraph is fast', async () => {
    const { data, errors } = await postGraphQL(stack.gatewayUrl, '{ conversiones(first: 2) { nodes { comision { monto } } } }', undefined, stack.admin);
    expect(errors).toBeUndefined();
    expect(data!.conversiones.nodes).toHaveLength(2);
  });
});

describe("subgraph sessions' statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS)", () => {
  it('PostgreSQL cancels a statement past it, and the subgraph answers TIMEOUT', async () => {
    const authorization = await new SubgraphIdentitySigner(stack.auth.subgraphIdentitySecret).authorizationFor(userOfRole('admin'));
    const release = await lockComisiones();
    try {
      const startedAt = performance.now();
      const { data, errors } = await postGraphQL(stack.urls.marketing, '{ comisiones(first: 1) { totalCount } }', undefined, authorization);
      const elapsed = performance.now() - startedAt;
      expect(elapsed).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(STATEMENT_TIMEOUT_MS + 1_500);
      expect(data?.comisiones ?? null).toBeNull();
      expect(errors![0]!.extensions).toMatchObject({ code: 'TIMEOUT' });
      expect(errors![0]!.message).toMatch(/marketing database did not answer in time/);
    } finally {
      await release();
    }
  });
});
