// /ready with a bus: not ready until websocket subscriptions are served. The HTTP server listens before the
// subscription server has opened its bus reader (comando's, a broker round trip or more on Pulsar) and attached to it;
// a client that trusted /ready and subscribed meanwhile got "Unexpected server response: 400" (its upgrade answered as
// a plain GET /graphql): the tracing.pulsar.test.ts flake on native.
import { fileURLToPath } from 'node:url';
import { MemoryBus, type ReadOptions, type Reader } from '@alpes/messaging';
import { ephemeralStackAuth } from '@alpes/security';
import { freePort, ReaderCountingBus } from '@alpes/testing';
import { afterEach, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';

const supergraph = { kind: 'file' as const, path: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)) };

/** A bus whose readers open only once `release()` is called: a broker slow to create them. */
class SlowReadersBus extends ReaderCountingBus {
  #released!: () => void;
  readonly #gate = new Promise<void>((resolve) => (this.#released = resolve));
  release(): void {
    this.#released();
  }
  override async read(options: ReadOptions): Promise<Reader> {
    await this.#gate;
    return super.read(options);
  }
}

let bus: SlowReadersBus | undefined;
let gateway: RunningGateway | undefined;

afterEach(async () => {
  bus?.release();
  await gateway?.close();
  await bus?.close();
  [gateway, bus] = [undefined, undefined];
});

async function readiness(port: number): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`http://127.0.0.1:${port}/ready`);
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, string> }).checks };
}

it('answers /ready 503 naming the websocket subscriptions until they are served, then no longer names them', async () => {
  bus = new SlowReadersBus(new MemoryBus());
  const port = await freePort();
  const starting = startGateway({ port, supergraph, auth: ephemeralStackAuth(), bus });
  let before: Awaited<ReturnType<typeof readiness>> | undefined;
  for (const deadline = Date.now() + 20_000; before === undefined; ) {
    before = await readiness(port).catch(() => undefined); // refused until the HTTP server listens
    if (before === undefined && Date.now() > deadline) throw new Error('the gateway never listened');
    if (before === undefined) await new Promise((resolve) => setTimeout(resolve, 50)); // polling for the listener
  }
  expect(before.status).toBe(503);
  expect(before.checks.subscriptions).toBe('websocket subscriptions not served yet');

  bus.release();
  gateway = await starting;
  const after = await readiness(port);
  expect(after.checks.subscriptions).toBe('ok'); // (the subgraphs of this supergraph do not run here: still 503)
});
