// Rate limiting at the gateway (issue 10, item 4): a token bucket per client, counted by the token's `sub`, by IP
// address for anonymous calls; over the budget HTTP 429 + Retry-After + RATE_LIMITED, and on graphql-ws the subscribe
// is refused with the same code. Each gateway here is a real one (startGateway) on the test stack's subgraphs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '@alpes/gateway';
import { startTestStack } from '@alpes/local-stack';
import { freePort, openSubscriptionClient, waitUntil } from '@alpes/testing';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 2, conversiones: 2 } });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await stack?.stop();
});

async function gatewayWith(rateLimit: { perSecond: number; burst: number; redisUrl?: string; keyPrefix?: string }): Promise<RunningGateway> {
  const subgraphs = (['afiliados', 'conversiones', 'marketing'] as const).map((name) => ({ name, url: stack.urls[name] }));
  const gateway = await startGateway({ port: 0, supergraph: { kind: 'subgraphs', subgraphs }, auth: stack.auth, bus: stack.bus, rateLimit, playground: false });
  gateways.push(gateway);
  for (const deadline = Date.now() + 20_000; !(await fetch(gateway.url.replace('/graphql', '/ready'))).ok; ) {
    if (Date.now() > deadline) throw new Error('the gateway did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return gateway;
}

async function call(url: string, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: '{ afiliados(first: 1) { totalCount } }' }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] },
  };
}

const bearer = async (sub: string) => `Bearer ${await stack.token('admin', { sub })}`;

describe('rate limit per client (in memory)', () => {
  let url: string;
  beforeAll(async () => {
    url = (await gatewayWith({ perSecond: 1, burst: 3 })).url;
  });

  it('admits a burst, then answers 429 with Retry-After and RATE_LIMITED; another client is not affected', async () => {
    const alice = await bearer('alice');
    const admitted = [await call(url, alice), await call(url, alice), await call(url, alice)];
    for (const answer of admitted) expect(answer).toMatchObject({ status: 200, body: { data: { afiliados: { totalCount: 2 } } } });
    const refused = await call(url, alice);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(refused.retryAfter),
      limit: { perSecond: 1, burst: 3 },
    });
    expect(refused.body.errors![0]!.message).toMatch(/Too many requests: at most 1 per second/);

    expect((await call(url, await bearer('bob'))).status).toBe(200); // another sub, another bucket

    await new Promise((resolve) => setTimeout(resolve, Number(refused.retryAfter) * 1000 + 100));
    expect((await call(url, alice)).status).toBe(200); // a token came back
  });

  it('counts anonymous calls per IP address, apart from users', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await call(url)).status);
    // an anonymous caller may run the operation (its field answers UNAUTHENTICATED, HTTP 200) until its bucket is empty
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect((await call(url, await bearer('carol'))).status).toBe(200);
  });

  it('counts a token that does not verify against the IP address too', async () => {
    const strict = (await gatewayWith({ perSecond: 1, burst: 1 })).url;
    const first = await call(strict, 'Bearer not-a-jwt');
    expect(first.status).toBe(401);
    expect(first.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const second = await call(strict, 'Bearer not-a-jwt');
    expect(second.status).toBe(429);
    expect(second.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
  });

  it('refuses a graphql-ws subscribe over the budget with RATE_LIMITED, and keeps the socket', async () => {
    const client = openSubscriptionClient(url, await bearer('dave'));
    try {
      const subscriptions = [0, 1, 2, 3].map(() => client.subscribe('subscription { campanaCreada { campana { id } } }'));
      const refused = subscriptions[3]!;
      await waitUntil(
        () => 'the fourth subscribe was not refused',
        () => refused.error !== undefined,
        5_000,
      );
      const errors = refused.error as { message: string; extensions: Record<string, unknown> }[];
      expect(errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: { perSecond: 1, burst: 3 } });
      expect(errors[0]!.extensions.http).toBeUndefined();
      for (const admitted of subscriptions.slice(0, 3)) expect(admitted.error).toBeUndefined();
      expect(client.closeCodes).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});

describe('rate limit on Redis when Redis cannot be reached', () => {
  it('neither fails open nor refuses service: each instance falls back to its own in-memory bucket', async () => {
    const { url } = await gatewayWith({ perSecond: 1, burst: 2, redisUrl: `redis://127.0.0.1:${await freePort()}`, keyPrefix: `test:${Date.now()}` });
    const erin = await bearer('erin');
    expect((await call(url, erin)).status).toBe(200);
    expect((await call(url, erin)).status).toBe(200);
    const refused = await call(url, erin);
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
  });
});
