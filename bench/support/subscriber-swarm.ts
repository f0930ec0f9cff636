// A bench child: N graphql-ws clients (the graphql-ws library, as applications use it) in a process of their own,
// each with one campanaCreada subscription, the selections alternating between clients. Every delivery is
// recorded by campaign id and subscriber with its arrival time (epoch ms, comparable with the other processes).
// Each client authenticates as an application does: its token (one user per client) in connectionParams.authorization.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { analyseDeliveries, type DeliveryReport, type EventReference } from './delivery-stats.js';
import { serveIpc } from './ipc.js';

const epochNow = () => performance.timeOrigin + performance.now();
const CONNECT_CONCURRENCY = 200;

interface EventRecord {
  /** Deliveries per subscriber (more than one is a duplicate). */
  counts: Uint8Array;
  /** First arrival per subscriber, epoch ms. */
  firstAt: Float64Array;
  /** Subscribers that got it, stalled ones not counted. */
  received: number;
}

let clients: Client[] = [];
/** Each client's WebSocket (to stall it), by subscriber index. */
let sockets: WebSocket[] = [];
/** Subscribers whose socket no longer reads (stall): they stand for slow clients and are left out of the stats. */
let stalled = new Set<number>();
const activeCount = () => clients.length - stalled.size;
let events = new Map<string, EventRecord>();
let errors: string[] = [];
let completions = 0;
let lastDeliveryAt = 0;
const waiters = new Set<() => void>();

function record(subscriber: number, id: string, at: number): void {
  let event = events.get(id);
  if (!event) {
    event = { counts: new Uint8Array(clients.length), firstAt: new Float64Array(clients.length), received: 0 };
    events.set(id, event);
  }
  if (event.counts[subscriber] === 0) {
    event.firstAt[subscriber] = at;
    if (!stalled.has(subscriber)) event.received += 1;
  }
  event.counts[subscriber] = Math.min(255, event.counts[subscriber]! + 1);
  lastDeliveryAt = at;
  if (event.received === activeCount()) for (const wake of waiters) wake();
}

interface CampanaCreadaData {
  campanaCreada?: { campana?: { id?: string } };
}

async function connect({
  url,
  count,
  selections,
  authorizations,
}: {
  url: string;
  count: number;
  selections: string[];
  authorizations: string[];
}): Promise<{ seconds: number }> {
  const started = performance.now();
  clients = new Array<Client>(count);
  sockets = new Array<WebSocket>(count);
  stalled = new Set();
  events = new Map();
  errors = [];
  completions = 0;
  let next = 0;
  const openOne = async () => {
    for (let index = next++; index < count; index = next++) {
      const subscriber = index;
      await new Promise<void>((resolve, reject) => {
        const client = createClient({
          url,
          webSocketImpl: class extends WebSocket {
            constructor(...args: ConstructorParameters<typeof WebSocket>) {
              super(...args);
              sockets[subscriber] = this;
            }
          },
          connectionParams: { authorization: authorizations[subscriber % authorizations.length] },
          lazy: false,
          retryAttempts: 0,
          on: { connected: () => resolve(), error: (error) => reject(error instanceof Error ? error : new Error(`socket error ${String(error)}`)) },
        });
        clients[subscriber] = client;
        client.subscribe<CampanaCreadaData>(
          { query: selections[subscriber % selections.length]! },
          {
            next: (result) => {
              const at = epochNow();
              if (result.errors?.length && errors.length < 20) errors.push(JSON.stringify(result.errors).slice(0, 300));
              const id = result.data?.campanaCreada?.campana?.id;
              if (id) record(subscriber, id, at);
            },
            error: (error) => {
              if (errors.length < 20) errors.push(`subscriber ${subscriber}: ${error instanceof Error ? error.message : JSON.stringify(error).slice(0, 300)}`);
            },
            complete: () => (completions += 1),
          },
        );
      });
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, openOne));
  return { seconds: (performance.now() - started) / 1000 };
}

/** Resolves true once every subscriber got the event `id`, false after timeoutMs. */
function waitForAll({ id, timeoutMs }: { id: string; timeoutMs: number }): Promise<{ all: boolean; received: number }> {
  return new Promise((resolve) => {
    const done = () => {
      const received = events.get(id)?.received ?? 0;
      if (received < activeCount() && !timedOut) return;
      waiters.delete(done);
      clearTimeout(timer);
      resolve({ all: received === activeCount(), received });
    };
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), done()), timeoutMs);
    waiters.add(done);
    done();
  });
}

/** Waits until every listed event reached every subscriber, or nothing arrived for quietMs, or timeoutMs passed. */
async function waitUntilDelivered({ ids, quietMs, timeoutMs }: { ids: string[]; quietMs: number; timeoutMs: number }): Promise<{ complete: boolean }> {
  const startedAt = epochNow();
  const deadline = startedAt + timeoutMs;
  const complete = () => ids.every((id) => events.get(id)?.received === activeCount());
  while (!complete() && epochNow() < deadline && epochNow() - Math.max(lastDeliveryAt, startedAt) < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { complete: complete() };
}

serveIpc({
  connect,
  waitForAll,
  waitUntilDelivered,
  /** `count` clients, spread over the swarm, stop reading their sockets (the kernel buffers fill, then the server's). */
  stall: ({ count }: { count: number }) => {
    const every = Math.max(1, Math.floor(clients.length / Math.max(1, count)));
    for (let index = 0; index < clients.length && stalled.size < count; index += every) {
      stalled.add(index);
      (sockets[index] as unknown as { _socket?: { pause(): void } })._socket?.pause();
    }
    return { stalled: stalled.size };
  },
  reset: () => {
    events = new Map();
    lastDeliveryAt = 0;
  },
  report: ({ references }: { references: EventReference[] }): DeliveryReport & { errors: string[]; completions: number } => ({
    ...analyseDeliveries(references, events, clients.length, stalled),
    errors,
    completions,
  }),
  disconnect: async () => {
    for (const index of stalled) (sockets[index] as unknown as { _socket?: { resume(): void } })._socket?.resume(); // to read the close handshake
    const closing = clients;
    clients = [];
    await Promise.all(closing.map((client) => client.dispose()));
  },
  stop: () => setImmediate(() => process.exit(0)),
});
process.send!({ ready: true });
