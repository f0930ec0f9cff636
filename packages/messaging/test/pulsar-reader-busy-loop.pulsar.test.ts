/**
 * A reader opened while the event loop is busy (a gateway under load) loses none of its first messages, on both Pulsar
 * transports. pulsar-client 1.18.0 dropped, on native, every message its listener got before createReader's promise
 * had resolved on the JavaScript thread (scripts/pulsar/reader-listener-fix.mjs); replays then missed a run of events
 * right after their start. Native: skipped saying why without the addon, failing with CI=true.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPulsarClient, PulsarNativeBus, PulsarWebSocketBus, type Bus, type DeliveredMessage } from '../src/index.js';
import { waitFor } from './contract/helpers.js';
import { assertBrokerReachable, brokerTestName, PULSAR_SERVICE_URL, PULSAR_WEB_URL } from './pulsar/broker.js';

const TIMEOUT = 30_000;
const loaded = await loadPulsarClient();
if (!loaded.ok) {
  const why = `${loaded.reason}; build it with npm run pulsar:native`;
  if (process.env.CI === 'true') throw new Error(`[pulsar reader, busy loop, native] ${why} (CI=true: it must run, not skip)`);
  console.warn(`[pulsar reader, busy loop] SKIPPED on native: ${why}`);
}
const TRANSPORTS = [
  { name: 'websocket', skip: false, open: async (): Promise<Bus> => new PulsarWebSocketBus({ webUrl: PULSAR_WEB_URL }) },
  { name: 'native', skip: !loaded.ok, open: (): Promise<Bus> => PulsarNativeBus.create({ webUrl: PULSAR_WEB_URL, serviceUrl: PULSAR_SERVICE_URL }) },
] as const;
let bus: Bus | undefined;

beforeAll(async () => {
  await assertBrokerReachable();
});

afterEach(async () => {
  await bus?.close();
  bus = undefined;
});

/** Keeps the JavaScript thread busy, as a loaded process does: nothing else runs on it meanwhile. */
function blockEventLoop(ms: number): void {
  for (const until = Date.now() + ms; Date.now() < until; );
}

describe.each(TRANSPORTS)('a reader opened while the event loop is busy, on $name', ({ name, skip, open }) => {
  it.skipIf(skip)('gets every message from its start, the first ones included', { timeout: TIMEOUT }, async () => {
    const topic = brokerTestName(`busy-reader-${name}`);
    bus = await open();
    for (let index = 0; index < 30; index += 1) await bus.publish(topic, { key: 'k', body: `m${index}` });
    const seen: DeliveredMessage[] = [];
    const opening = bus.read({ topic, start: { from: 'earliest' }, handler: (message) => void seen.push(message) });
    // one turn of the loop: the transport has asked the broker for the reader; then the thread is busy while the
    // broker creates it and sends its first messages (before the fix, native dropped them: 1 to 3 of them here)
    await new Promise((resolve) => setImmediate(resolve));
    blockEventLoop(400);
    await opening;
    await waitFor(
      '30 messages',
      () => seen.length >= 30,
      10_000,
      () => seen.map((message) => message.body),
    );
    expect(seen.map((message) => message.body)).toEqual(Array.from({ length: 30 }, (_, index) => `m${index}`));
  });
});
