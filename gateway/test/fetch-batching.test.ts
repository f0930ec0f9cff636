// Cross-operation batching of subgraph reads (composition/fetch-batching.ts) against a real GraphQL server over HTTP:
// reads that wait for a slot go as one request, each gets its own data and errors, identities never mix, a batch that
// fails as a whole is re-sent read by read, and a read's deadline is its own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FetchBatching, type BatchableRead } from '../src/composition/fetch-batching.js';
import type { SplitAnswer } from '../src/composition/merged-reads.js';
import { fetchSubgraph } from '../src/composition/subgraph-fetcher.js';

const schema = buildSchema(
  'type Query { echo(value: String!): String  slow(value: String!): String  fail(value: String!): String  whoami: String  twice(n: Int!): Int }',
);
/** How long `slow` takes to answer (on top of ANSWER_DELAY_MS). */
const SLOW_READ_MS = 400;
const root = {
  echo: ({ value }: { value: string }) => value,
  slow: ({ value }: { value: string }) => new Promise((resolve) => setTimeout(() => resolve(value), SLOW_READ_MS)),
  fail: ({ value }: { value: string }) => {
    throw new Error(`refused ${value}`);
  },
  whoami: (_args: unknown, context: { authorization?: string }) => context.authorization ?? null,
  twice: ({ n }: { n: number }) => n * 2,
};

interface Received {
  authorization: string | undefined;
  query: string;
}
let received: Received[] = [];
let server: Server;
let url: string;
/** Each answer waits this long, so reads pile up behind the one in flight. */
const ANSWER_DELAY_MS = 30;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      const authorization = request.headers.authorization;
      received.push({ authorization, query: body.query });
      void graphql({ schema, source: body.query, rootValue: root, variableValues: body.variables ?? null, contextValue: { authorization } }).then((result) =>
        setTimeout(() => {
          response.writeHead(result.data ? 200 : 400, { 'content-type': 'application/json' });
          response.end(JSON.stringify(result));
        }, ANSWER_DELAY_MS),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received = [];
});

const aliasesIn = (query: string) => new Set([...query.matchAll(/_v(\d+)_/g)].map((match) => match[1])).size;

/** A subgraph's answer as JSON (both paths give one). */
type Answer = Pick<SplitAnswer, 'errors'> & { data?: SplitAnswer['data'] };

/** A read as the data source makes it: the batch's result, or the normal single request when it goes alone. */
function readThrough(batching: FetchBatching, read: BatchableRead, sentAlone: { count: number }): Promise<Answer> {
  return batching.read(
    read,
    async () => {
      sentAlone.count += 1;
      const response = await fetchSubgraph({
        url,
        headers: { 'content-type': 'application/json', ...(read.authorization ? { authorization: read.authorization } : {}) },
        body: JSON.stringify({ query: read.query, variables: read.variables }),
      });
      return JSON.parse(response.body) as Answer;
    },
    (result) => result,
  );
}

const echo = (value: string, authorization = 'Bearer a'): BatchableRead => ({
  query: 'query Echo($value: String!) { echo(value: $value) }',
  variables: { value },
  authorization,
});

describe('subgraph read batching', () => {
  it('sends the reads that wait for a slot as one request, each getting its own answer', async () => {
    const sizes: number[] = [];
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 10_000 }, (reads) => sizes.push(reads));
    const alone = { count: 0 };
    const values = ['uno', 'dos', 'tres', 'cuatro', 'cinco'];
    const first = readThrough(batching, echo(values[0]!), alone);
    await new Promise((resolve) => setImmediate(resolve)); // the first is on its way; the others come later
    const results = [await first, ...(await Promise.all(values.slice(1).map((value) => readThrough(batching, echo(value), alone))))];
    expect(results.map((result) => result.data?.echo)).toEqual(values);
    expect(results.every((result) => result.errors === undefined)).toBe(true);
    // the first goes alone at once; the other four wait for it and go together
    expect(received).toHaveLength(2);
    expect(aliasesIn(received[1]!.query)).toBe(4);
    expect(sizes.sort()).toEqual([1, 4]);
    expect(batching.counts).toMatchObject({ reads: 5, mergedRequests: 1, sentAlone: 1, failedBatches: 0 });
  });

  it('by default keeps one request per subgraph on its way: reads of the next operations go together', async () => {
    const batching = new FetchBatching(url);
    const alone = { count: 0 };
    const nextTick = () => new Promise((resolve) => setImmediate(resolve));
    const reads: Promise<Answer>[] = [];
    for (const value of ['uno', 'dos', 'tres', 'cuatro']) {
      reads.push(readThrough(batching, echo(value), alone)); // each operation's read in a tick of its own
      await nextTick();
    }
    expect((await Promise.all(reads)).map((result) => result.data?.echo)).toEqual(['uno', 'dos', 'tres', 'cuatro']);
    // uno goes at once, alone; dos, tres and cuatro wait (for its answer or 25 ms) and go as one request
    expect(received.map((request) => aliasesIn(request.query))).toEqual([0, 3]);
    expect(batching.counts).toMatchObject({ reads: 4, mergedRequests: 1, sentAlone: 1 });
  });

  it('makes a batch wait for a slot at most maxWaitMs: a slow read on its way does not hold the others back', async () => {
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 5 });
    const alone = { count: 0 };
    let slowAnswered = false;
    const slow = readThrough(
      batching,
      { query: 'query Slow($value: String!) { slow(value: $value) }', variables: { value: 'lenta' }, authorization: 'Bearer a' },
      alone,
    );
    void slow.then(() => (slowAnswered = true));
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = [readThrough(batching, echo('a'), alone), readThrough(batching, echo('b'), alone)];
    // the batch goes after 5 ms (timers may fire late on a busy machine), long before the slow read's 400 ms are over
    await expect.poll(() => received.length, { timeout: SLOW_READ_MS / 2 }).toBe(2);
    expect(slowAnswered).toBe(false);
    expect(aliasesIn(received[1]!.query)).toBe(2);
    expect((await Promise.all(waiting)).map((result) => result.data?.echo)).toEqual(['a', 'b']);
    expect((await slow).data?.slow).toBe('lenta');
    expect(batching.counts).toMatchObject({ overdueBatches: 1, mergedRequests: 1 });
    // the extra slot was given back: with nothing on its way, the next read goes at once, not after waiting 5 ms
    expect((await readThrough(batching, echo('luego'), alone)).data?.echo).toBe('luego');
    expect(batching.counts).toMatchObject({ overdueBatches: 1, sentAlone: 2 });
  });

  it('sends reads started in the same tick together even with a slot free', async () => {
    const batching = new FetchBatching(url, { maxBatchSize: 3, maxInFlight: 4, maxWaitMs: 10_000 });
    const alone = { count: 0 };
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((value) => readThrough(batching, echo(value), alone)));
    expect(results.map((result) => result.data?.echo)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(received.map((request) => aliasesIn(request.query)).sort()).toEqual([2, 3]); // maxBatchSize 3: 3 + 2
  });

  it('never merges reads of different identities: each request carries one identity', async () => {
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 10_000 });
    const alone = { count: 0 };
    const reads = Array.from({ length: 8 }, (_, index) => ({
      query: '{ whoami }',
      authorization: index % 2 === 0 ? 'Bearer ana' : 'Bearer beto',
    }));
    const results = await Promise.all(reads.map((read) => readThrough(batching, read, alone)));
    expect(results.map((result) => result.data?.whoami)).toEqual(reads.map((read) => read.authorization));
    expect(received.length).toBeLessThan(8); // some did merge
    for (const request of received) expect(['Bearer ana', 'Bearer beto']).toContain(request.authorization);
  });

  it('puts a field error on the read that caused it, at its own path', async () => {
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 10_000 });
    const alone = { count: 0 };
    const failing: BatchableRead = { query: 'query Fail($value: String!) { fail(value: $value) }', variables: { value: 'x' }, authorization: 'Bearer a' };
    const [first, second, third, fourth] = await Promise.all([
      readThrough(batching, echo('first'), alone),
      readThrough(batching, echo('second'), alone),
      readThrough(batching, failing, alone),
      readThrough(batching, echo('fourth'), alone),
    ]);
    expect(batching.counts.mergedRequests).toBe(1);
    expect([first, second, fourth].map((result) => [result.data?.echo, result.errors])).toEqual([
      ['first', undefined],
      ['second', undefined],
      ['fourth', undefined],
    ]);
    expect(third!.data).toEqual({ fail: null });
    expect(third!.errors?.map((error) => [error.message, error.path])).toEqual([['refused x', ['fail']]]);
  });

  it('re-sends a batch that failed as a whole read by read, so one bad input fails only its own read', async () => {
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 10_000 });
    const alone = { count: 0 };
    const bad: BatchableRead = { query: 'query Twice($n: Int!) { twice(n: $n) }', variables: { n: 'not a number' }, authorization: 'Bearer a' };
    const good: BatchableRead = { query: 'query Twice($n: Int!) { twice(n: $n) }', variables: { n: 21 }, authorization: 'Bearer a' };
    const [, badResult, goodResult, echoed] = await Promise.all([
      readThrough(batching, echo('opens the slot'), alone),
      readThrough(batching, bad, alone),
      readThrough(batching, good, alone),
      readThrough(batching, echo('after'), alone),
    ]);
    expect(batching.counts.failedBatches).toBe(1);
    expect(goodResult!.data).toEqual({ twice: 42 });
    expect(echoed!.data).toEqual({ echo: 'after' });
    expect(badResult!.data).toBeUndefined();
    expect(badResult!.errors?.[0]?.message).toMatch(/\$n/);
    expect(alone.count).toBe(4); // the first, alone in its batch, and the three of the failed batch
  });

  it('sends identical reads of a batch once, each read getting an answer of its own', async () => {
    const observed: [number, number][] = [];
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 10_000 }, (reads, shared) => observed.push([reads, shared]));
    const alone = { count: 0 };
    const first = readThrough(batching, echo('first'), alone);
    await new Promise((resolve) => setImmediate(resolve)); // the first is on its way; the next four wait for it
    const waiting = [echo('same'), echo('same'), echo('other'), echo('same')].map((read) => readThrough(batching, read, alone));
    const results = await Promise.all(waiting);
    await first;
    expect(results.map((result) => result.data?.echo)).toEqual(['same', 'same', 'other', 'same']);
    // one merged request with the two distinct reads; the three identical ones went once
    expect(received.map((request) => aliasesIn(request.query))).toEqual([0, 2]);
    expect(batching.counts).toMatchObject({ reads: 5, mergedRequests: 1, sentAlone: 1, sharedReads: 2 });
    expect(observed.sort()).toEqual([
      [1, 0],
      [4, 2],
    ]);
    // no two reads hold the same objects: the gateway merges each operation's later fetches into its own
    const [one, two, , three] = results;
    expect(one!.data).not.toBe(two!.data);
    expect(two!.data).not.toBe(three!.data);
    one!.data!.echo = 'changed by one operation';
    expect([two!.data?.echo, three!.data?.echo]).toEqual(['same', 'same']);
  });

  it('never shares reads whose variables differ, and gives a shared field error to each read as its own', async () => {
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 10_000 });
    const alone = { count: 0 };
    const failing = (value: string): BatchableRead => ({
      query: 'query Fail($value: String!) { fail(value: $value) }',
      variables: { value },
      authorization: 'Bearer a',
    });
    const [, x1, y, x2] = await Promise.all([
      readThrough(batching, echo('opens the slot'), alone),
      readThrough(batching, failing('x'), alone),
      readThrough(batching, failing('y'), alone),
      readThrough(batching, failing('x'), alone),
    ]);
    // started in one tick, the four go as one request of the three distinct reads
    expect(received.map((request) => aliasesIn(request.query))).toEqual([3]);
    expect(batching.counts.sharedReads).toBe(1);
    expect([x1, y, x2].map((result) => result!.errors?.map((error) => [error.message, error.path]))).toEqual([
      [['refused x', ['fail']]],
      [['refused y', ['fail']]],
      [['refused x', ['fail']]],
    ]);
    expect(x1!.errors![0]).not.toBe(x2!.errors![0]);
  });

  it('gives up a read at its own deadline while the others of its batch complete', async () => {
    const batching = new FetchBatching(url, { maxBatchSize: 16, maxInFlight: 1, maxWaitMs: 10_000 });
    const alone = { count: 0 };
    const deadline = new AbortController();
    const first = readThrough(batching, echo('first'), alone);
    const late = readThrough(batching, { ...echo('late'), signal: deadline.signal }, alone);
    const other = readThrough(batching, echo('other'), alone);
    deadline.abort(new Error('deadline passed'));
    await expect(late).rejects.toThrow('deadline passed');
    expect((await first).data).toEqual({ echo: 'first' });
    expect((await other).data).toEqual({ echo: 'other' });
  });
});
