/**
 * Producer batching on a real broker (batchedTopics): many messages share one broker entry, yet each keeps its own
 * id, its order, and its place for a reader resuming after it, even in the middle of a batch. On both Pulsar
 * transports (native: skipped saying why without the addon, failing with CI=true).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPulsarClient, PulsarNativeBus, PulsarWebSocketBus, type Bus, type DeliveredMessage } from '../src/index.js';
import { decodeMessageId } from '../src/transports/pulsar-common/message-id.js';
import { waitFor } from './contract/helpers.js';
import { assertBrokerReachable, brokerTestName, PULSAR_SERVICE_URL, PULSAR_WEB_URL, subscriptionStats } from './pulsar/broker.js';

const TIMEOUT = 30_000;
const loaded = await loadPulsarClient();
if (!loaded.ok) {
  const why = `${loaded.reason}; build it with npm run pulsar:native`;
  if (process.env.CI === 'true') throw new Error(`[pulsar batching, native] ${why} (CI=true: it must run, not skip)`);
  console.warn(`[pulsar batching] SKIPPED on native: ${why}`);
}
const TRANSPORTS = [
  { name: 'websocket', skip: false, open: async (batchedTopics: string[]) => new PulsarWebSocketBus({ webUrl: PULSAR_WEB_URL, batchedTopics }) },
  {
    name: 'native',
    skip: !loaded.ok,
    open: (batchedTopics: string[]) => PulsarNativeBus.create({ webUrl: PULSAR_WEB_URL, serviceUrl: PULSAR_SERVICE_URL, batchedTopics }),
  },
] as const;
let bus: Bus;

beforeAll(async () => {
  await assertBrokerReachable();
});

afterEach(async () => {
  await bus?.close();
});

/** Publishes `count` messages at once (so that they can share batches); returns their ids in publish order. */
async function publishAtOnce(topic: string, count: number): Promise<string[]> {
  const receipts = await Promise.all(Array.from({ length: count }, (_, index) => bus.publish(topic, { key: `key-${index % 7}`, body: `m${index}` })));
  return receipts.map((receipt) => receipt.messageId);
}

/**
 * Publishes a marker after everything so far and waits until `received` has it: a reader or a subscription gets a
 * topic's messages in order, so whatever was still to come has come. Returns what arrived before it, markers left out.
 */
async function untilMarker(topic: string, received: DeliveredMessage[]): Promise<string[]> {
  const marker = `marker-${brokerTestName('fence')}`;
  await bus.publish(topic, { key: marker, body: marker });
  await waitFor(
    `the marker ${marker}`,
    () => received.some((message) => message.body === marker),
    TIMEOUT,
    () => received.length,
  );
  const upTo = received.findIndex((message) => message.body === marker);
  return received
    .slice(0, upTo)
    .map((message) => message.body)
    .filter((body) => !body.startsWith('marker-'));
}

const entryOf = (messageId: string) => {
  const { ledgerId, entryId } = decodeMessageId(messageId);
  return `${ledgerId}:${entryId}`;
};

describe.each(TRANSPORTS)('Pulsar producer batching (batchedTopics) on $name', ({ name, skip, open }) => {
  const batched = brokerTestName(`batched-${name}`);
  const unbatched = brokerTestName(`unbatched-${name}`);
  it.skipIf(skip)(
    'a reader from latest on a topic whose last entry is a batch gets every message published after it opened',
    { timeout: TIMEOUT },
    async () => {
      const topic = `${batched}-latest`;
      bus = await open([topic]);
      const before = await publishAtOnce(topic, 20);
      expect(new Set(before.map(entryOf)).size).toBeLessThan(20); // the last entry is (very likely) a batch
      const seen: DeliveredMessage[] = [];
      await bus.read({ topic, start: { from: 'latest' }, handler: (message) => void seen.push(message) });
      for (let index = 0; index < 5; index += 1) await bus.publish(topic, { key: 'after', body: `after-${index}` });
      await waitFor(
        '5 live messages',
        () => seen.length >= 5,
        TIMEOUT,
        () => seen.length,
      );
      expect(await untilMarker(topic, seen)).toEqual(['after-0', 'after-1', 'after-2', 'after-3', 'after-4']);
    },
  );

  it.skipIf(skip)(
    'a reader from a time between a batch and the next message gets that message at once, the re-read batch skipped (nothing published after it)',
    { timeout: TIMEOUT },
    async () => {
      const topic = `${batched}-time`;
      bus = await open([topic]);
      const batch = await publishAtOnce(topic, 30);
      expect(new Set(batch.map(entryOf)).size).toBeLessThan(30); // the entry before the time is (very likely) a batch
      // publish times are in ms: the time lies strictly between the batch's and the next message's
      await new Promise((resolve) => setTimeout(resolve, 20));
      const time = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await bus.publish(topic, { key: 'after', body: 'after' });
      const seen: DeliveredMessage[] = [];
      await bus.read({ topic, start: { from: 'time', time }, handler: (message) => void seen.push(message) });
      // The reader starts at the batch's entry (the broker hands it out again) and skips it, then reads 'after'. Both are
      // stored already, so they arrive back to back; nothing else is published, so a message left behind in the
      // reader's queue (a lost wake-up after the skipped ones) would never come.
      await waitFor(
        "'after'",
        () => seen.length >= 1,
        10_000,
        () => seen.length,
      );
      expect(seen.map((message) => message.body)).toEqual(['after']);
    },
  );

  it.skipIf(skip)(
    'a batched topic: messages share entries, keep distinct ids and their per-key order; a reader after a mid-batch id gets exactly the later ones',
    { timeout: TIMEOUT },
    async () => {
      bus = await open([batched]);
      const ids = await publishAtOnce(batched, 60);
      expect(new Set(ids).size).toBe(60);
      const entries = new Set(ids.map(entryOf));
      expect(entries.size).toBeLessThan(60); // batches formed: fewer broker entries than messages

      const all: DeliveredMessage[] = [];
      await bus.read({ topic: batched, start: { from: 'earliest' }, handler: (message) => void all.push(message) });
      await waitFor(
        '60 messages',
        () => all.length >= 60,
        TIMEOUT,
        () => all.length,
      );
      // per key it is publish order (all the bus promises; both transports' batches also keep it across keys)
      const published = ids.map((_, index) => `m${index}`);
      expect([...all.map((message) => message.body)].sort()).toEqual([...published].sort());
      for (let key = 0; key < 7; key += 1) {
        expect(all.filter((message) => message.key === `key-${key}`).map((message) => message.body)).toEqual(published.filter((_, index) => index % 7 === key));
      }
      const receiptOf = (body: string) => ids[Number(body.slice(1))]!;
      expect(all.map((message) => entryOf(message.messageId))).toEqual(all.map((message) => entryOf(receiptOf(message.body))));

      // a message that is neither first nor last of its entry
      const middle = all.findIndex(
        (message, index) =>
          index > 0 &&
          index < 59 &&
          entryOf(all[index - 1]!.messageId) === entryOf(message.messageId) &&
          entryOf(all[index + 1]!.messageId) === entryOf(message.messageId),
      );
      expect(middle).toBeGreaterThan(0);
      const expected = all.slice(middle + 1).map((message) => message.body);
      const later: DeliveredMessage[] = [];
      await bus.read({
        topic: batched,
        start: { from: 'after-message', messageId: receiptOf(all[middle]!.body) },
        handler: (message) => void later.push(message),
      });
      expect(await untilMarker(batched, later)).toEqual(expected);
      // the same from the id as a reader delivered it (which also carries the batch size): an eventoId is one of those
      const fromDelivered: DeliveredMessage[] = [];
      await bus.read({
        topic: batched,
        start: { from: 'after-message', messageId: all[middle]!.messageId },
        handler: (message) => void fromDelivered.push(message),
      });
      expect(await untilMarker(batched, fromDelivered)).toEqual(expected);
    },
  );

  it.skipIf(skip)('a durable subscription on a batched topic acks each message: after a reconnect nothing comes again', { timeout: TIMEOUT }, async () => {
    bus = await open([batched]);
    const topic = batched;
    const subscription = brokerTestName('batched-sub');
    const first: DeliveredMessage[] = [];
    const consumer = await bus.consume({
      topic,
      subscription,
      mode: 'shared',
      initialPosition: 'latest',
      handler: async (message) => void first.push(message),
    });
    await publishAtOnce(topic, 40);
    await waitFor(
      '40 messages',
      () => first.length >= 40,
      TIMEOUT,
      () => first.length,
    );
    // the broker has every ack: nothing left in the backlog, nothing unacknowledged
    let stats: Awaited<ReturnType<typeof subscriptionStats>>;
    const acked = async () => {
      stats = await subscriptionStats(topic, subscription);
      return stats?.msgBacklog === 0 && stats.unackedMessages === 0;
    };
    for (const deadline = Date.now() + TIMEOUT; !(await acked()); ) {
      if (Date.now() > deadline) throw new Error(`acks did not reach the broker: ${JSON.stringify(stats)}`);
      await new Promise((resolve) => setTimeout(resolve, 50)); // polling the broker's stats, not waiting for time to pass
    }
    await consumer.close();
    const again: DeliveredMessage[] = [];
    await bus.consume({ topic, subscription, mode: 'shared', handler: async (message) => void again.push(message) });
    expect(new Set(first.map((message) => message.body)).size).toBe(40);
    expect(await untilMarker(topic, again)).toEqual([]);
  });

  it.skipIf(skip)('a topic not listed is never batched: one broker entry per message', { timeout: TIMEOUT }, async () => {
    bus = await open([batched]);
    const ids = await publishAtOnce(unbatched, 30);
    expect(new Set(ids.map(entryOf)).size).toBe(30);
  });
});

describe('native batching: a batch leaves when its macrotask ends, not when the producer timer fires', () => {
  // The producer timer set to a minute: only the bus's end-of-tick flush can send a batch within the test.
  const LONG_DELAY_MS = 60_000;
  it.skipIf(!loaded.ok)('what one macrotask sends shares one entry and is confirmed at once; a lone message too', { timeout: TIMEOUT }, async () => {
    const topic = brokerTestName('flushed-native');
    bus = await PulsarNativeBus.create({ webUrl: PULSAR_WEB_URL, serviceUrl: PULSAR_SERVICE_URL, batchedTopics: [topic], batchingDelayMs: LONG_DELAY_MS });
    await bus.publish(topic, { key: 'open', body: 'open' }); // the producer opens (not timed)
    const started = performance.now();
    const ids = await publishAtOnce(topic, 25);
    expect(new Set(ids.map(entryOf)).size).toBe(1); // one macrotask: one entry
    const lone = await bus.publish(topic, { key: 'lone', body: 'lone' });
    expect(entryOf(lone.messageId)).not.toBe(entryOf(ids[0]!));
    expect(performance.now() - started).toBeLessThan(LONG_DELAY_MS / 4); // neither waited for the timer
    const all: DeliveredMessage[] = [];
    await bus.read({ topic, start: { from: 'earliest' }, handler: (message) => void all.push(message) });
    expect(await untilMarker(topic, all)).toEqual(['open', ...ids.map((_, index) => `m${index}`), 'lone']);
  });

  it.skipIf(!loaded.ok)('a batching delay that is not a whole number of ms ≥ 0 is refused, saying which option', async () => {
    for (const batchingDelayMs of [-1, 0.5, Number.NaN]) {
      await expect(PulsarNativeBus.create({ webUrl: PULSAR_WEB_URL, serviceUrl: PULSAR_SERVICE_URL, batchingDelayMs })).rejects.toThrow(
        /batchingDelayMs must be a whole number/,
      );
    }
  });
});
