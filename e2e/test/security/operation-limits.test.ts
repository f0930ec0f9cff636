// Operation limits through the whole stack (issue 10): depth, aliases, root fields, tokens and the demand-control
// cost, over HTTP and on graphql-ws subscriptions. Subgraph calls are counted where they arrive: every POST the
// subgraphs' HTTP servers receive (node:diagnostics_channel), so "no subgraph was called" is observed, not assumed.
import { subscribe as subscribeChannel, unsubscribe as unsubscribeChannel } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { openSubscriptionClient, waitUntil } from '@alpes/testing';
import { campanaInput } from '../pulsar/support/flow.js';

const ATTACK_QUERY =
  '{ afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { nombre } } } } } } } } } } } }';
/** Depth 6, within every static limit, but 100 × 100 objects: cost 1 + 100 × (1 + 1 + 100 × 2) = 20,201. */
const WIDE_QUERY = '{ afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { nombre } } } } } }';
const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';

let stack: TestStack;
const subgraphPosts = new Map<number, number>();
const countPost = (message: unknown) => {
  const { request, server } = message as { request: IncomingMessage; server: Server };
  const port = (server.address() as AddressInfo | null)?.port;
  if (port !== undefined && request.method === 'POST') subgraphPosts.set(port, (subgraphPosts.get(port) ?? 0) + 1);
};
const subgraphCalls = () =>
  ['afiliados', 'conversiones', 'marketing'].reduce((sum, name) => sum + (subgraphPosts.get(Number(new URL(stack.urls[name as 'afiliados']).port)) ?? 0), 0);

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 3, conversiones: 6 } });
  subscribeChannel('http.server.request.start', countPost);
}, 180_000);
afterAll(async () => {
  unsubscribeChannel('http.server.request.start', countPost);
  await stack?.stop();
});

async function post(query: string, variables?: Record<string, unknown>) {
  const before = subgraphCalls();
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: stack.admin },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, body, subgraphCalls: subgraphCalls() - before };
}

async function expectRejected(query: string, extensions: Record<string, unknown>, variables?: Record<string, unknown>) {
  const answer = await post(query, variables);
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors![0]!.extensions).toEqual(extensions);
  expect(answer.body.errors![0]!.message).toMatch(/over the limit of/);
  expect(answer.subgraphCalls).toBe(0);
  return answer.body.errors![0]!;
}

describe('static limits over HTTP, before planning: no subgraph is called', () => {
  it("rejects the issue's attack query by depth, with no subgraph call", async () => {
    await expectRejected(ATTACK_QUERY, { code: 'MAX_DEPTH_LIMIT', depth: 12, maxDepth: 10 });
  });

  it('counts depth through fragments', async () => {
    const viaFragments = `{ afiliados(first: 1) { ...Nodes } } fragment Nodes on AfiliadoConnection { nodes { comisiones(first: 1) { nodes { afiliado { ...Deeper } } } } }
      fragment Deeper on Afiliado { comisiones(first: 1) { nodes { afiliado { comisiones(first: 1) { nodes { id } } } } } }`;
    await expectRejected(viaFragments, { code: 'MAX_DEPTH_LIMIT', depth: 11, maxDepth: 10 });
  });

  it('counts aliases once per spread of their fragment', async () => {
    const sixteen = Array.from({ length: 16 }, (_, index) => `a${index}: id`).join(' ');
    const twice = `{ afiliados(first: 1) { nodes { ...Ids } } campanas(first: 1) { totalCount } x: afiliados(first: 1) { nodes { ...Ids } } } fragment Ids on Afiliado { ${sixteen} }`;
    await expectRejected(twice, { code: 'MAX_ALIASES_LIMIT', aliases: 33, maxAliases: 30 });
  });

  it('limits root fields, fragments included', async () => {
    const fields = Array.from({ length: 9 }, (_, index) => `r${index}: __typename`).join(' ');
    await expectRejected(`{ ${fields} ...Two } fragment Two on Query { campanas(first: 1) { totalCount } comisiones(first: 1) { totalCount } }`, {
      code: 'MAX_ROOT_FIELDS_LIMIT',
      rootFields: 11,
      maxRootFields: 10,
    });
  });

  it('stops parsing past the token limit and says how many tokens the document has', async () => {
    const ids = Array.from({ length: 5_000 }, () => 'id').join(' ');
    await expectRejected(`{ afiliados(first: 1) { nodes { ${ids} } } }`, { code: 'MAX_TOKENS_LIMIT', tokens: 5_013, maxTokens: 5_000 });
  });
});

describe('demand control over HTTP', () => {
  it('rejects an operation estimated over LIMIT_MAX_COST with COST_ESTIMATED_TOO_EXPENSIVE, cost and maxCost', async () => {
    await expectRejected(WIDE_QUERY, { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: 20_201, maxCost: 5_000 });
  });

  it('reads first from the variables', async () => {
    const query = 'query ($n: Int) { afiliados(first: $n) { nodes { comisiones(first: $n) { nodes { afiliado { nombre } } } } } }';
    await expectRejected(query, { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: 1 + 60 * (2 + 60 * 2), maxCost: 5_000 }, { n: 60 });
    const allowed = await post(query, { n: 3 });
    expect(allowed.body.errors).toBeUndefined();
  });

  it('runs the operations under the limits, which reach the subgraphs', async () => {
    const answer = await post(README_QUERY);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body.data as { afiliados: { nodes: unknown[] } }).afiliados.nodes).toHaveLength(3);
    expect(answer.subgraphCalls).toBeGreaterThan(0);
  });
});

describe('the same limits on a subscription, when it subscribes', () => {
  async function rejectedSubscription(query: string) {
    const before = subgraphCalls();
    const client = openSubscriptionClient(stack.gatewayUrl, stack.admin);
    try {
      const recorded = client.subscribe(query);
      await waitUntil(
        () => 'the subscription to be answered',
        () => recorded.error !== undefined || recorded.results.length > 0,
        10_000,
      );
      expect(recorded.results).toEqual([]);
      expect(subgraphCalls() - before).toBe(0);
      return recorded.error as { message: string; extensions: Record<string, unknown> }[];
    } finally {
      await client.dispose();
    }
  }

  it('rejects the attack selection on a subscription by depth', async () => {
    const errors = await rejectedSubscription(
      'subscription { comisionCalculada { comision { afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { id } } } } } } } } } } } }',
    );
    expect(errors.map((error) => error.extensions)).toEqual([{ code: 'MAX_DEPTH_LIMIT', depth: 12, maxDepth: 10 }]);
  });

  it('rejects a subscription whose hydration would cost too much', async () => {
    const errors = await rejectedSubscription(
      'subscription { comisionCalculada { comision { afiliado { comisiones(first: 100) { nodes { campana { afiliados { nombre } } } } } } } }',
    );
    expect(errors.map((error) => error.extensions)).toEqual([
      { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: 1 + 1 + 1 + 1 + 100 * (1 + 1 + 100), maxCost: 5_000 },
    ]);
  });

  it('rejects aliases and tokens on a subscription as well', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: __typename`).join(' ');
    expect((await rejectedSubscription(`subscription { campanaCreada { ${aliases} } }`)).map((error) => error.extensions)).toEqual([
      { code: 'MAX_ALIASES_LIMIT', aliases: 31, maxAliases: 30 },
    ]);
    const many = Array.from({ length: 5_000 }, () => 'id').join(' ');
    const tokens = await rejectedSubscription(`subscription { campanaCreada { campana { ${many} } } }`);
    expect(tokens.map((error) => error.extensions)).toEqual([{ code: 'MAX_TOKENS_LIMIT', tokens: 5_009, maxTokens: 5_000 }]);
  });

  it('accepts a subscription under the limits, which then gets its events', async () => {
    const client = openSubscriptionClient(stack.gatewayUrl, stack.admin);
    try {
      // `desde` replays from a time before the mutation: the event arrives however late the reader opens
      const recorded = client.subscribe('subscription ($desde: DateTime) { campanaCreada(desde: $desde) { campana { id nombre } } }', {
        desde: new Date().toISOString(),
      });
      const created = await post('mutation ($input: CrearCampanaInput!) { crearCampana(input: $input) { id } }', {
        input: campanaInput('Dentro de los límites'),
      });
      expect(created.body.errors).toBeUndefined();
      const id = (created.body.data as { crearCampana: { id: string } }).crearCampana.id;
      const event = await recorded.waitFor(
        (result) => (result.data as { campanaCreada?: { campana: { id: string } } } | undefined)?.campanaCreada?.campana.id === id,
        15_000,
      );
      expect(event.errors).toBeUndefined();
    } finally {
      await client.dispose();
    }
  });
});
