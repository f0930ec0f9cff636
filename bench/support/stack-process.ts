// A bench child: the stack as `npm start` runs it (embedded PostgreSQL with the demo data, the three subgraphs, their
// workers, the in-process memory bus, and the gateway) in ONE process, on free ports. The bench drives it over IPC.
//   - bench:query sends its load to separate gateway processes; the gateway in here stays idle.
//   - bench:subscriptions uses the gateway in here: with the memory bus the gateway must share the subgraphs' process.
// Counters read without touching production code: HTTP requests per server (node:diagnostics_channel), and the
// moments each CampanaCreada was published and first read from the bus (a Bus decorator handed to the stack).
// Identity as in production (bench-auth.ts): its gateway verifies client tokens with the public half of
// AUTH_PRIVATE_KEY_FILE; its subgraphs accept only identities signed with SUBGRAPH_IDENTITY_SECRET, which bench:query's
// separate gateways (ours and stock) sign with too.
import { subscribe as subscribeChannel } from 'node:diagnostics_channel';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { TOPICS } from '@alpes/contracts';
import { hydrationBatchFields, hydrationBatchingOf } from '@alpes/gateway';
import { startLocalStack } from '@alpes/local-stack';
import { MemoryBus, type Bus, type ConsumeOptions, type Consumer, type OutgoingMessage, type ReadOptions, type Reader } from '@alpes/messaging';
import { z } from '@alpes/platform';
import { stackAuthOf } from '@alpes/security';
import { serveIpc } from './ipc.js';

/** Epoch milliseconds with sub-millisecond precision, comparable across the bench's processes. */
export const epochNow = () => performance.timeOrigin + performance.now();

/** Records when each CampanaCreada is published and when a reader (the gateway's hub) first gets it. */
class TimestampingBus implements Bus {
  readonly publishedAt = new Map<string, number>();
  readonly readAt = new Map<string, number>();
  constructor(private readonly inner: Bus) {}
  publish(topic: string, message: OutgoingMessage) {
    if (topic === TOPICS.marketingEventos && message.properties?.type === 'CampanaCreada') this.publishedAt.set(message.key, epochNow());
    return this.inner.publish(topic, message);
  }
  consume(options: ConsumeOptions): Promise<Consumer> {
    return this.inner.consume(options);
  }
  read(options: ReadOptions): Promise<Reader> {
    if (options.topic !== TOPICS.marketingEventos) return this.inner.read(options);
    return this.inner.read({
      ...options,
      handler: (message) => {
        if (message.properties.type === 'CampanaCreada' && !this.readAt.has(message.key)) this.readAt.set(message.key, epochNow());
        return options.handler(message);
      },
    });
  }
  isConnected() {
    return this.inner.isConnected();
  }
  close() {
    return this.inner.close();
  }
}

const postsByPort = new Map<number, number>();
/** New TCP connections that carried a request, per server: keep-alive reuse shows as few of them. */
const connectionsByPort = new Map<number, number>();
const seenSockets = new WeakSet<object>();
subscribeChannel('http.server.request.start', (message) => {
  const { request, server } = message as { request: IncomingMessage; server: Server };
  const port = (server.address() as AddressInfo | null)?.port;
  if (port === undefined) return;
  if (!seenSockets.has(request.socket)) {
    seenSockets.add(request.socket);
    connectionsByPort.set(port, (connectionsByPort.get(port) ?? 0) + 1);
  }
  if (request.method === 'POST') postsByPort.set(port, (postsByPort.get(port) ?? 0) + 1);
});

process.env.LOG_LEVEL ??= 'warn';
const dataDir = mkdtempSync(join(tmpdir(), 'alpes-bench-'));
chmodSync(dataDir, 0o755);
const postgresPort = Number(process.env.BENCH_POSTGRES_PORT ?? 5499);
const bus = new TimestampingBus(new MemoryBus());
const { AUTH_PRIVATE_KEY_FILE, SUBGRAPH_IDENTITY_SECRET } = process.env;
if (!AUTH_PRIVATE_KEY_FILE || !SUBGRAPH_IDENTITY_SECRET) throw new Error('the bench passes AUTH_PRIVATE_KEY_FILE and SUBGRAPH_IDENTITY_SECRET (bench-auth.ts)');
const stack = await startLocalStack({
  auth: stackAuthOf({ AUTH_PRIVATE_KEY_FILE, SUBGRAPH_IDENTITY_SECRET }, dataDir),
  dataDir,
  postgresPort,
  bus,
  playground: false,
  // bench:subscriptions passes the gateway's hydration batching through (HYDRATION_BATCH_*, as npm start reads them)
  gateway: hydrationBatchingOf(z.object(hydrationBatchFields).parse(process.env)),
  ports: { gateway: 0, afiliados: 0, conversiones: 0, marketing: 0 },
});
const portOf = (url: string) => Number(new URL(url).port);
const gc = (globalThis as { gc?: () => void }).gc;

export interface StackInfo {
  urls: typeof stack.urls;
  databaseUrls: typeof stack.databaseUrls;
  postgresPort: number;
  pid: number;
}
export interface StackCounters {
  /** POST requests received per server since the last reset (gateway, afiliados, conversiones, marketing). */
  posts: Record<keyof typeof stack.urls, number>;
  /** Connections that carried a request since the last reset. */
  connections: Record<keyof typeof stack.urls, number>;
  rssBytes: number;
  heapUsedBytes: number;
}

serveIpc({
  info: (): StackInfo => ({ urls: stack.urls, databaseUrls: stack.databaseUrls, postgresPort, pid: process.pid }),
  counters: (): StackCounters => {
    gc?.(); // with --expose-gc: RSS after a collection, so garbage does not count as per-subscriber memory
    const perServer = (counts: Map<number, number>) =>
      Object.fromEntries(Object.entries(stack.urls).map(([name, url]) => [name, counts.get(portOf(url)) ?? 0]));
    return {
      posts: perServer(postsByPort) as StackCounters['posts'],
      connections: perServer(connectionsByPort) as StackCounters['connections'],
      rssBytes: process.memoryUsage().rss,
      heapUsedBytes: process.memoryUsage().heapUsed,
    };
  },
  /** A V8 heap snapshot into `path` (bench:subscriptions --heap-snapshot), after a forced collection. */
  heapSnapshot: (path: string) => {
    gc?.();
    return writeHeapSnapshot(path);
  },
  resetCounters: () => {
    postsByPort.clear();
    connectionsByPort.clear();
  },
  /** When each CampanaCreada (by campaign id) was published and first read by the gateway, in epoch ms. */
  eventTimes: (ids: string[]) => ids.map((id) => ({ id, publishedAt: bus.publishedAt.get(id), readAt: bus.readAt.get(id) })),
  stop: async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
  },
});
process.send!({ ready: true });
