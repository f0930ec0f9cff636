import { buildSchema, graphql, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { userOfRole } from '@alpes/testing';
import type { Identity } from '@alpes/security';
import { batchHydrations, type BatchItem } from '../src/subscriptions/hydration-batch-document.js';
import { HydrationBatcher, type GatewayOperationRunner } from '../src/subscriptions/hydration-batcher.js';
import type { HydrationRequest } from '../src/subscriptions/hydration-document.js';

// A small schema executed by graphql-js stands in for the gateway: the merged query must answer each item exactly as
// the item's own query does.
const schema = buildSchema(`
  type Query { campana(id: ID!): Campana }
  type Campana { id: ID! nombre: String! tags(first: Int): [String!]! secreto: String }
`);
const rootValue = {
  campana: ({ id }: { id: string }) =>
    id.startsWith('ghost')
      ? null
      : {
          id,
          nombre: `Campana ${id}`,
          tags: ({ first }: { first?: number }) => ['a', 'b', 'c'].slice(0, first ?? 3),
          secreto: () => {
            throw new GraphQLError(`secreto de ${id}`, { extensions: { code: 'FORBIDDEN' } });
          },
        },
};
const execute = async (document: string, variables: Record<string, unknown>) => {
  const result = await graphql({ schema, source: document, rootValue, variableValues: variables });
  return { data: result.data as Record<string, unknown> | null | undefined, errors: result.errors?.map((error) => error.toJSON()) };
};

// The shapes buildHydrationRequest prints: root fields aliased by response key, the client's fragments and variables
// (two clients both using `$first` and `fragment F` with different meanings), a @include wrapper.
const withFragment: HydrationRequest = {
  document:
    'query SubscriptionHydration_campana($id: ID!, $first: Int) { c: campana(id: $id) { ...F tags(first: $first) } } fragment F on Campana { id nombre }',
  idVariable: 'id',
  variables: { first: 1 },
  responseKeys: ['c'],
};
const withError: HydrationRequest = {
  document:
    'query SubscriptionHydration_campana($id: ID!, $first: Int) { campana: campana(id: $id) { ...F tags(first: $first) s: secreto } } fragment F on Campana { nombre }',
  idVariable: 'id',
  variables: { first: 2 },
  responseKeys: ['campana'],
};
const included: HydrationRequest = {
  document:
    'query SubscriptionHydration_campana($id1: ID!, $id: Boolean!) { ... @include(if: $id) { x: campana(id: $id1) { id } y: campana(id: $id1) { nombre } } }',
  idVariable: 'id1',
  variables: { id: true },
  responseKeys: ['x', 'y'],
};

const alone = async ({ request, entityId }: BatchItem) => {
  const { data, errors } = await execute(request.document, { ...request.variables, [request.idVariable]: entityId });
  return { data: data ?? {}, errors: errors ?? [] };
};

describe('batchHydrations: many events and selections in one query', () => {
  it('answers every item exactly as its own query would, data and errors, each at its own path', async () => {
    const items: BatchItem[] = [
      { request: withFragment, entityId: 'c1' },
      { request: withError, entityId: 'c1' },
      { request: withFragment, entityId: 'c2' },
      { request: withFragment, entityId: 'c1' },
      { request: withError, entityId: 'ghost-1' },
      { request: included, entityId: 'c3' },
    ];
    const batch = batchHydrations(items);
    // c1 with the first selection is loaded once, whoever asked for it
    expect(batch.document.match(/campana\(id:/g)).toHaveLength(6);
    const { data, errors } = await execute(batch.document, batch.variables);
    const split = batch.split(data, errors);
    const expected = await Promise.all(items.map(alone));
    const comparable = (result: { data: Record<string, unknown>; errors: readonly GraphQLFormattedError[] }) => ({
      data: result.data,
      errors: result.errors.map((error) => ({ message: error.message, path: error.path, code: error.extensions?.code })),
    });
    expect(split.map(comparable)).toEqual(expected.map(comparable));
    expect(split[1]!.errors.map((error) => error.path)).toEqual([['campana', 's']]);
  });

  it('gives an error that names no item to every item', () => {
    const batch = batchHydrations([
      { request: withFragment, entityId: 'c1' },
      { request: withError, entityId: 'c2' },
    ]);
    const failure: GraphQLFormattedError = { message: 'subgraph unavailable', extensions: { code: 'UNAVAILABLE' } };
    expect(batch.split(null, [failure])).toEqual([
      { data: {}, errors: [failure] },
      { data: {}, errors: [failure] },
    ]);
  });
});

/** The gateway stand-in, recording each operation and who it ran as. */
function recordingGateway() {
  const operations: { document: string; identity: Identity }[] = [];
  const run: GatewayOperationRunner = async (document, variables, identity) => {
    operations.push({ document, identity });
    return execute(document, variables);
  };
  return { run, operations };
}

describe('HydrationBatcher: gateway operations per partition and interval, not per event', () => {
  it('loads a burst of 20 entities with two selections in far fewer operations than entities', async () => {
    const gateway = recordingGateway();
    const batcher = new HydrationBatcher(gateway.run, { intervalMs: 100 });
    const admin = userOfRole('admin');
    const loads = Array.from({ length: 20 }, (_, index) => [
      batcher.load(`c${index}`, withFragment, admin),
      batcher.load(`c${index}`, withError, admin),
    ]).flat();
    const results = await Promise.all(loads);
    expect(gateway.operations.length).toBeLessThanOrEqual(2);
    expect(results.filter((_, index) => index % 2 === 0).map((result) => (result === 'failed' ? result : result.data))).toEqual(
      Array.from({ length: 20 }, (_, index) => ({ c: { id: `c${index}`, nombre: `Campana c${index}`, tags: ['a'] } })),
    );
  });

  it('never mixes partitions: each operation holds one partition and runs as one of its identities', async () => {
    const gateway = recordingGateway();
    const batcher = new HydrationBatcher(gateway.run, { intervalMs: 20 });
    const admin = userOfRole('admin');
    const ana = userOfRole('afiliado', { afiliadoId: '0190a000-0000-7000-8000-0000000000a1' });
    const beto = userOfRole('afiliado', { afiliadoId: '0190a000-0000-7000-8000-0000000000b2' });
    await Promise.all([admin, ana, beto, ana, admin].map((who, index) => batcher.load(`c${index}`, withFragment, who)));
    expect(gateway.operations).toHaveLength(3);
    expect(new Set(gateway.operations.map((operation) => operation.identity))).toEqual(new Set([admin, ana, beto]));
  });

  it('waits the interval between two operations of a partition, and only the gather time when quiet', async () => {
    const gateway = recordingGateway();
    const batcher = new HydrationBatcher(gateway.run, { intervalMs: 150, gatherMs: 1 });
    const admin = userOfRole('admin');
    let started = performance.now();
    await batcher.load('c1', withFragment, admin);
    expect(performance.now() - started).toBeLessThan(140);
    started = performance.now();
    await batcher.load('c2', withFragment, admin);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nombreOf = (result: Awaited<ReturnType<HydrationBatcher['load']>>) => (result === 'failed' ? result : (result.data.c as { nombre: string }).nombre);

describe('HydrationBatcher: the adaptive window (default)', () => {
  it('loads a steady stream (30 events/s, two selections each) in ≤ events / 5 operations, none waiting past the longest wait', async () => {
    const gateway = recordingGateway();
    const batcher = new HydrationBatcher(gateway.run, { maxWaitMs: 180, targetEntities: 6 });
    const admin = userOfRole('admin');
    const events = 45;
    const waits: number[] = [];
    const loads: Promise<string>[] = [];
    const started = performance.now();
    for (let index = 0; index < events; index += 1) {
      await sleep(started + index * 33 - performance.now());
      const askedAt = performance.now();
      const both = [batcher.load(`c${index}`, withFragment, admin), batcher.load(`c${index}`, withError, admin)];
      loads.push(
        Promise.all(both).then(([first]) => {
          waits.push(performance.now() - askedAt);
          return nombreOf(first!);
        }),
      );
    }
    // every event gets its own entity, once
    expect(await Promise.all(loads)).toEqual(Array.from({ length: events }, (_, index) => `Campana c${index}`));
    expect(gateway.operations.length).toBeLessThanOrEqual(events / 5);
    // 180 ms at most, plus the operation and timer slack of a busy machine
    expect(Math.max(...waits)).toBeLessThan(180 + 150);
  });

  it('holds an isolated event only the gather time, also right after a steady stream', async () => {
    const gateway = recordingGateway();
    const batcher = new HydrationBatcher(gateway.run, { maxWaitMs: 400, gatherMs: 2 });
    const admin = userOfRole('admin');
    let started = performance.now();
    await batcher.load('c1', withFragment, admin);
    expect(performance.now() - started).toBeLessThan(100);
    const stream = Array.from({ length: 8 }, async (_, index) => {
      await sleep(index * 20);
      return batcher.load(`s${index}`, withFragment, admin);
    });
    await Promise.all(stream);
    await sleep(450); // quiet for longer than the longest wait
    started = performance.now();
    await batcher.load('c2', withFragment, admin);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('does not hold up a client that sends its next command only once it got the previous event', async () => {
    const gateway = recordingGateway();
    const batcher = new HydrationBatcher(gateway.run, { maxWaitMs: 180 });
    const admin = userOfRole('admin');
    const waits: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      await sleep(15); // the command's own path, then the next event
      const askedAt = performance.now();
      expect(nombreOf(await batcher.load(`c${index}`, withFragment, admin))).toBe(`Campana c${index}`);
      waits.push(performance.now() - askedAt);
    }
    // a long wait that gathered nothing is tried again only after 1, 2, 4 … steady-looking events
    const held = waits.filter((wait) => wait >= 180).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(6);
    expect(gateway.operations).toHaveLength(40);
  });
});
