import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type RunningServiceServer } from '../src/index.js';

const folder = mkdtempSync(join(tmpdir(), 'alpes-shutdown-'));
const schemaFile = pathToFileURL(join(folder, 'schema.graphql'));
beforeAll(() => writeFileSync(schemaFile, 'type Query { slow: String fast: String hit: Int }\n'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A raw keep-alive connection: requests can be written on it while the server shuts down. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  const listeners = new Set<() => void>();
  socket.on('data', (chunk) => {
    received += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    ready: new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject)),
    send: (request: string) => socket.write(request),
    received: () => received,
    ended,
    waitFor: (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`"${text}" not received: ${received}`)), 10_000);
        const check = () => {
          if (!received.includes(text)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      }),
  };
}

const graphqlRequest = (query: string) => {
  const body = JSON.stringify({ query });
  return `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const readyRequest = 'GET /ready HTTP/1.1\r\nHost: localhost\r\n\r\n';

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('a service server shuts down gracefully', () => {
  let releaseSlow!: () => void;
  let slowEntered!: () => void;
  const entered = new Promise<void>((resolve) => (slowEntered = resolve));
  const events: string[] = [];
  let server: RunningServiceServer;
  let hits = 0;

  beforeAll(async () => {
    server = await startSubgraph({
      service: 'shutdown-test',
      port: 0,
      schemaFile,
      resolvers: {
        Query: {
          slow: () => {
            slowEntered();
            return new Promise<string>((resolve) => (releaseSlow = () => resolve('done')));
          },
          fast: () => 'fast',
          hit: () => (hits += 1),
        },
      },
      createContext: () => ({}),
      readiness: [{ name: 'database', check: async () => {} }],
      onClose: async () => {
        events.push(`onClose (listening: ${server.httpServer.listening})`);
      },
    });
  });
  afterAll(async () => {
    releaseSlow?.();
    await server?.close();
  });

  it('answers /ready 503 as soon as shutdown begins, refuses new connections, finishes the in-flight request, then releases resources', async () => {
    const before = await fetch(`http://127.0.0.1:${server.port}/ready`, { headers: { connection: 'close' } });
    expect(before.status).toBe(200);

    const connection = rawConnection(server.port);
    await connection.ready;
    connection.send(graphqlRequest('{ slow }'));
    await entered;

    const closing = server.close().then(() => events.push('closed'));
    expect(server.isShuttingDown()).toBe(true);
    expect(await connectionRefused(server.port)).toBe(true);

    // A load balancer probing over a connection it already has sees 503 at once (pipelined behind the slow request).
    connection.send(readyRequest);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual([]); // the in-flight request holds the shutdown

    releaseSlow();
    await connection.waitFor('shutting down');
    await connection.ended; // the server ends the connection once its requests are answered
    await closing;

    const responses = connection.received().split(/(?=HTTP\/1\.1 )/);
    expect(responses).toHaveLength(2);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(responses[0]).toContain('{"data":{"slow":"done"}}');
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503 /);
    expect(responses[1]).toContain('"ready":false');
    // Only the connection's last answer closes it: the pipelined request behind the in-flight one is still answered.
    expect(responses[0]).not.toMatch(/connection: close/i);
    expect(responses[1]).toMatch(/connection: close/i);
    expect(events).toEqual(['onClose (listening: false)', 'closed']);
  });

  it('never processes a request it cannot answer: one sent on a connection the server is closing is refused, not run', async () => {
    // A keep-alive client (the gateway's fetch) may send its next request just as the server ends the connection.
    let slowStarted!: () => void;
    const slowRunning = new Promise<void>((resolve) => (slowStarted = resolve));
    const second = await startSubgraph({
      service: 'shutdown-race',
      port: 0,
      schemaFile,
      resolvers: {
        Query: {
          slow: () => {
            slowStarted();
            return new Promise<string>((resolve) => setTimeout(() => resolve('done'), 200));
          },
          hit: () => (hits += 1),
        },
      },
      createContext: () => ({}),
      readiness: [],
    });
    const connection = rawConnection(second.port);
    await connection.ready;
    connection.send(graphqlRequest('{ slow }'));
    await slowRunning; // the request is in flight when the server starts closing
    const closing = second.close();
    await connection.waitFor('"slow":"done"');
    const hitsBefore = hits;
    connection.send(graphqlRequest('{ hit }')); // right after the response, as a keep-alive client does
    await connection.ended;
    await closing;
    const answered = connection.received().match(/"hit":\d+/g)?.length ?? 0;
    expect(hits - hitsBefore, connection.received()).toBe(answered);
    // The response told the client not to reuse the connection.
    expect(connection.received()).toMatch(/connection: close/i);
  });

  it('close() is idempotent', async () => {
    await server.close();
    server.stopAccepting();
    expect(events.filter((event) => event.startsWith('onClose'))).toHaveLength(1);
  });
});
