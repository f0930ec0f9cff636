// The gateway's subgraph fetcher (pooled keep-alive connections) and the in-flight deduplication of identical reads
// (SUBGRAPH_DEDUP), against a real HTTP server that holds its answers until the test releases them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FetchDeduplication } from '../src/composition/fetch-deduplication.js';
import { fetchSubgraph } from '../src/composition/subgraph-fetcher.js';

interface Held {
  body: string;
  authorization: string | undefined;
  answer: (status?: number) => void;
}

const held: Held[] = [];
const connections = new Set<Socket>();
let received = 0;
let arrived: (() => void) | undefined;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received += 1;
    const body = Buffer.concat(chunks).toString('utf8');
    held.push({
      body,
      authorization: request.headers.authorization,
      answer: (status = 200) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { echo: body, n: received } }));
      },
    });
    arrived?.();
  });
});
server.on('connection', (socket: Socket) => connections.add(socket));
let url = '';

/** Resolves once `count` requests are held by the server (an event, not a sleep). */
function requestsHeld(count: number): Promise<void> {
  if (held.length >= count) return Promise.resolve();
  return new Promise((resolve) => {
    arrived = () => {
      if (held.length >= count) resolve();
    };
  });
}

const releaseAll = () => held.splice(0).forEach((request) => request.answer());

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  releaseAll();
  for (const socket of connections) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  releaseAll();
  received = 0;
});

const query = (body: string, authorization = 'Bearer a') => ({ url, headers: { 'content-type': 'application/json', authorization }, body });

describe('fetchSubgraph', () => {
  it('reuses a keep-alive connection for the next fetch', async () => {
    const before = connections.size;
    for (let index = 0; index < 3; index += 1) {
      const pending = fetchSubgraph(query(`{"query":"{ a${index} }"}`));
      await requestsHeld(1);
      releaseAll();
      const response = await pending;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { echo: `{"query":"{ a${index} }"}`, n: 1 } });
      received = 0;
    }
    expect(connections.size - before).toBeLessThanOrEqual(1);
  });

  it('gives up when its signal aborts (the deadline), with the abort as the error', async () => {
    const controller = new AbortController();
    const pending = fetchSubgraph({ ...query('{"query":"{ slow }"}'), signal: controller.signal });
    await requestsHeld(1);
    controller.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow();
  });
});

describe('FetchDeduplication', () => {
  it('sends identical concurrent reads once; each caller parses its own copy of the answer', async () => {
    const deduplication = new FetchDeduplication(fetchSubgraph);
    const body = '{"query":"{ afiliados { id } }"}';
    const pending = [deduplication.fetch(query(body)), deduplication.fetch(query(body)), deduplication.fetch(query(body))];
    await requestsHeld(1);
    expect(deduplication.inFlight).toBe(1);
    releaseAll();
    const answers = await Promise.all(pending.map(async (response) => (await response).json()));
    expect(received).toBe(1);
    expect(answers[0]).toEqual({ data: { echo: body, n: 1 } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]).not.toBe(answers[0]);
    expect(deduplication.inFlight).toBe(0);
  });

  it('shares reads of different operations whose only difference is their (unsampled) trace context', async () => {
    const deduplication = new FetchDeduplication(fetchSubgraph);
    const body = '{"query":"{ traced }"}';
    const traced = (traceId: string) => {
      const request = query(body);
      return { ...request, headers: { ...request.headers, traceparent: `00-${traceId}-00f067aa0ba902b7-00` } };
    };
    const pending = [deduplication.fetch(traced('4bf92f3577b34da6a3ce929d0e0e4736')), deduplication.fetch(traced('0af7651916cd43dd8448eb211c80319c'))];
    await requestsHeld(1);
    expect(deduplication.inFlight).toBe(1);
    releaseAll();
    await Promise.all(pending);
    expect(received).toBe(1);
  });

  it('never shares between identities, bodies, or with a read that has ended', async () => {
    const deduplication = new FetchDeduplication(fetchSubgraph);
    const body = '{"query":"{ x }"}';
    const pending = [
      deduplication.fetch(query(body, 'Bearer a')),
      deduplication.fetch(query(body, 'Bearer b')),
      deduplication.fetch(query('{"query":"{ y }"}')),
    ];
    await requestsHeld(3);
    expect(held.map((request) => request.authorization).sort()).toEqual(['Bearer a', 'Bearer a', 'Bearer b']);
    releaseAll();
    await Promise.all(pending);
    const later = deduplication.fetch(query(body, 'Bearer a'));
    await requestsHeld(1);
    releaseAll();
    expect(await (await later).json()).toEqual({ data: { echo: body, n: 4 } });
  });

  it('a waiter whose deadline passes leaves alone; the fetch is aborted only when no one waits any more', async () => {
    const deduplication = new FetchDeduplication(fetchSubgraph);
    const body = '{"query":"{ z }"}';
    const first = new AbortController();
    const second = new AbortController();
    const a = deduplication.fetch({ ...query(body), signal: first.signal });
    const b = deduplication.fetch({ ...query(body), signal: second.signal });
    await requestsHeld(1);
    first.abort(new Error('first deadline'));
    await expect(a).rejects.toThrow('first deadline');
    releaseAll();
    expect(await (await b).json()).toEqual({ data: { echo: body, n: 1 } });

    const c = deduplication.fetch({ ...query(body), signal: first.signal });
    await expect(c).rejects.toThrow('first deadline');
    const lone = new AbortController();
    const d = deduplication.fetch({ ...query('{"query":"{ w }"}'), signal: lone.signal });
    await requestsHeld(1);
    lone.abort(new Error('lone deadline'));
    await expect(d).rejects.toThrow('lone deadline');
  });
});
