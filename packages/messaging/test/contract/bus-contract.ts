/**
 * The Bus contract: every transport (memory, Pulsar over WebSocket, native Pulsar) must pass this suite
 * unchanged. Run it from a transport's test file:
 *
 *   describeBusContract('memory', async () => new MemoryBus());
 *
 * Rules that keep it transport-agnostic (keep them when adding cases):
 * - every test uses fresh, random topic and subscription names (a real broker keeps state between runs);
 * - waits are polls with a bounded timeout (`timeoutMs`); the only fixed sleeps are the "quiet periods" that
 *   prove something does NOT happen (no duplicate, no extra redelivery), and the 50 ms gap of the time test;
 * - nothing relies on a transport's internals or on message ids being ordered or parseable;
 * - single-consumer order assertions use exclusive subscriptions (shared ones promise no order).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BusUnavailableError, type Bus, type ConsumeOptions, type DeliveredMessage, type ReadOptions } from '../../src/bus.js';
import { describeFlowControlCases } from './flow-control-cases.js';
import { describeStartPositionCases } from './start-position-cases.js';
import type { ContractContext } from './contract-context.js';
import { countBy, Gate, sleep, uniqueName, waitFor, within, withoutConsecutiveRepeats } from './helpers.js';

export interface BusContractOptions {
  /** Passed as redeliveryDelayMs to consumers that nack (default 50). */
  redeliveryDelayMs?: number;
  /** Upper bound of every wait for something to happen (default 10 000). */
  timeoutMs?: number;
}

export function describeBusContract(transportName: string, createBus: () => Promise<Bus>, options: BusContractOptions = {}): void {
  const redeliveryDelayMs = options.redeliveryDelayMs ?? 50;
  const timeoutMs = options.timeoutMs ?? 10_000;
  /** How long to watch for something that must not happen (duplicates, extra redeliveries). */
  const quietMs = Math.max(300, redeliveryDelayMs * 6);
  const testTimeout = timeoutMs * 4 + quietMs * 4;

  describe(`Bus contract: ${transportName}`, () => {
    let bus: Bus;
    let cleanups: Array<() => Promise<void> | void>;

    beforeEach(async () => {
      bus = await createBus();
      cleanups = [];
    });

    afterEach(async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch {
          // already closed by the test
        }
      }
      await bus.close();
    });

    async function consume(consumeOptions: ConsumeOptions) {
      const consumer = await bus.consume(consumeOptions);
      cleanups.push(() => consumer.close());
      return consumer;
    }

    async function read(readOptions: ReadOptions) {
      const reader = await bus.read(readOptions);
      cleanups.push(() => reader.close());
      return reader;
    }

    /** Publishes one after the other, so publish order is well defined; returns the message ids. */
    async function publishInOrder(topic: string, bodies: readonly string[], key = 'k'): Promise<string[]> {
      const ids: string[] = [];
      for (const body of bodies) ids.push((await bus.publish(topic, { key, body })).messageId);
      return ids;
    }

    const bodiesOf = (messages: readonly DeliveredMessage[]) => messages.map((message) => message.body);
    const collect = (into: DeliveredMessage[]) => async (message: DeliveredMessage) => {
      into.push(message);
    };
    const range = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

    it('publish resolves with a message id; a consumer receives key, body and properties unchanged', { timeout: testTimeout }, async () => {
      const topic = uniqueName('roundtrip');
      const received: DeliveredMessage[] = [];
      await consume({ topic, subscription: uniqueName('sub'), mode: 'exclusive', handler: collect(received) });
      const body = JSON.stringify({ type: 'AfiliadoRegistrado', data: { nombre: 'Zoë Ñúñez ✓', monto: '12.50' } });
      const properties = { type: 'AfiliadoRegistrado', 'trace-id': 'abc-123', empty: '' };
      const before = Date.now();
      const first = await bus.publish(topic, { key: 'afiliado-1', body, properties });
      const second = await bus.publish(topic, { key: 'afiliado-2', body: '{}' });
      const after = Date.now();

      expect(typeof first.messageId).toBe('string');
      expect(first.messageId.length).toBeGreaterThan(0);
      expect(second.messageId).not.toBe(first.messageId);
      await waitFor('both messages', () => received.length >= 2, timeoutMs);
      const [one, two] = received;
      expect(one).toMatchObject({ topic, messageId: first.messageId, key: 'afiliado-1', body, redeliveryCount: 0 });
      expect(one!.properties).toEqual(properties);
      expect(two).toMatchObject({ topic, messageId: second.messageId, key: 'afiliado-2', body: '{}', redeliveryCount: 0 });
      expect(two!.properties).toEqual({});
      for (const message of received) {
        expect(message.publishTime).toBeInstanceOf(Date);
        // near now: allow a little clock difference between this process and a broker
        expect(message.publishTime.getTime()).toBeGreaterThanOrEqual(before - 5_000);
        expect(message.publishTime.getTime()).toBeLessThanOrEqual(after + 5_000);
      }
    });

    it('shared: two consumers split 50 messages, each processed exactly once', { timeout: testTimeout }, async () => {
      const topic = uniqueName('shared');
      const subscription = uniqueName('workers');
      const byConsumer: DeliveredMessage[][] = [[], []];
      for (const [index, into] of byConsumer.entries()) {
        await consume({
          topic,
          subscription,
          mode: 'shared',
          handler: async (message) => {
            into.push(message);
            await sleep(2 + index); // real work takes time, so both workers get a share
          },
        });
      }
      const bodies = range('job', 50);
      await Promise.all(bodies.map((body, index) => bus.publish(topic, { key: `k-${index % 7}`, body })));

      const all = () => byConsumer.flat();
      await waitFor(
        '50 deliveries',
        () => all().length >= 50,
        timeoutMs,
        () => all().length,
      );
      await sleep(quietMs);
      expect(all()).toHaveLength(50);
      expect(new Set(bodiesOf(all()))).toEqual(new Set(bodies));
      expect(byConsumer[0]!.length).toBeGreaterThan(0);
      expect(byConsumer[1]!.length).toBeGreaterThan(0);
    });

    async function keySharedScenario(failFirstDeliveryOf: ReadonlySet<string>) {
      const topic = uniqueName('key-shared');
      const subscription = uniqueName('workers');
      const keys = ['afiliado-a', 'afiliado-b', 'afiliado-c'];
      const invoked = new Map<string, string[]>(keys.map((key) => [key, []]));
      const succeeded = new Map<string, DeliveredMessage[]>(keys.map((key) => [key, []]));
      const consumersOfKey = new Map<string, Set<number>>(keys.map((key) => [key, new Set()]));
      const running = new Map<string, number>();
      const failed = new Set<string>();
      let overlappingSameKey = 0;

      for (const consumerIndex of [0, 1]) {
        await consume({
          topic,
          subscription,
          mode: 'key-shared',
          redeliveryDelayMs,
          handler: async (message) => {
            const { key, body } = message;
            invoked.get(key)?.push(body);
            consumersOfKey.get(key)?.add(consumerIndex);
            if ((running.get(key) ?? 0) > 0) overlappingSameKey += 1;
            running.set(key, (running.get(key) ?? 0) + 1);
            try {
              await sleep(1);
              if (failFirstDeliveryOf.has(body) && !failed.has(body)) {
                failed.add(body);
                throw new Error(`first delivery of ${body} fails`);
              }
              succeeded.get(key)?.push(message);
            } finally {
              running.set(key, (running.get(key) ?? 1) - 1);
            }
          },
        });
      }

      const published = new Map<string, string[]>(keys.map((key) => [key, []]));
      for (let index = 0; index < 20; index += 1) {
        for (const key of keys) {
          const body = `${key}#${index}`;
          await bus.publish(topic, { key, body });
          published.get(key)!.push(body);
        }
      }

      const successes = () => [...succeeded.values()].reduce((sum, list) => sum + list.length, 0);
      await waitFor(
        '60 successful deliveries',
        () => successes() >= 60,
        timeoutMs,
        () => successes(),
      );
      await sleep(quietMs);
      for (const key of keys) {
        // each message acked exactly once, in publish order
        expect(bodiesOf(succeeded.get(key)!)).toEqual(published.get(key));
        // no message of a key was handed out before the previous one of that key succeeded
        expect(withoutConsecutiveRepeats(invoked.get(key)!)).toEqual(published.get(key));
        // all messages of one key go to one consumer
        expect(consumersOfKey.get(key)!.size).toBe(1);
      }
      expect(overlappingSameKey).toBe(0);
      for (const body of failFirstDeliveryOf) {
        const retried = [...succeeded.values()].flat().find((message) => message.body === body);
        expect(retried?.redeliveryCount).toBeGreaterThanOrEqual(1);
      }
      expect(failed).toEqual(new Set(failFirstDeliveryOf));
    }

    it('key-shared: per key, two consumers process 3 × 20 messages once each, in publish order', { timeout: testTimeout }, async () => {
      await keySharedScenario(new Set());
    });

    it('key-shared: per-key order still holds when first deliveries fail and are redelivered', { timeout: testTimeout }, async () => {
      await keySharedScenario(new Set(['afiliado-a#3', 'afiliado-b#0', 'afiliado-c#10', 'afiliado-c#11']));
    });

    it('exclusive: a second consumer is refused; per-instance subscriptions each get every message', { timeout: testTimeout }, async () => {
      const topic = uniqueName('exclusive');
      const subscription = uniqueName('single');
      const first: DeliveredMessage[] = [];
      await consume({ topic, subscription, mode: 'exclusive', handler: collect(first) });
      await expect(
        within('the refused consume() to settle', bus.consume({ topic, subscription, mode: 'exclusive', handler: async () => {} }), timeoutMs),
      ).rejects.toThrow();

      const instanceA: DeliveredMessage[] = [];
      const instanceB: DeliveredMessage[] = [];
      await consume({ topic, subscription: uniqueName('gateway-a'), mode: 'exclusive', handler: collect(instanceA) });
      await consume({ topic, subscription: uniqueName('gateway-b'), mode: 'exclusive', handler: collect(instanceB) });
      const bodies = range('event', 10);
      await publishInOrder(topic, bodies);

      const done = () => first.length >= 10 && instanceA.length >= 10 && instanceB.length >= 10;
      await waitFor('every subscription to get 10', done, timeoutMs, () => [first.length, instanceA.length, instanceB.length]);
      await sleep(quietMs);
      expect(bodiesOf(first)).toEqual(bodies);
      expect(bodiesOf(instanceA)).toEqual(bodies);
      expect(bodiesOf(instanceB)).toEqual(bodies);
    });

    it('a nacked (thrown) message is redelivered with redeliveryCount >= 1, then acked once', { timeout: testTimeout }, async () => {
      const topic = uniqueName('nack');
      const attempts: DeliveredMessage[] = [];
      const attemptTimes: number[] = [];
      await consume({
        topic,
        subscription: uniqueName('sub'),
        mode: 'shared',
        redeliveryDelayMs,
        handler: async (message) => {
          attempts.push(message);
          attemptTimes.push(Date.now());
          if (attempts.length === 1) throw new Error('transient failure');
        },
      });
      const { messageId } = await bus.publish(topic, { key: 'conversion-9', body: '{"n":9}', properties: { type: 'T' } });

      await waitFor(
        'the redelivery',
        () => attempts.length >= 2,
        timeoutMs,
        () => attempts.map((attempt) => attempt.redeliveryCount),
      );
      await sleep(quietMs);
      expect(attempts).toHaveLength(2);
      expect(attempts[0]!.redeliveryCount).toBe(0);
      expect(attempts[1]!.redeliveryCount).toBeGreaterThanOrEqual(1);
      // not before the redelivery delay (a little slack for timer rounding)
      expect(attemptTimes[1]! - attemptTimes[0]!).toBeGreaterThanOrEqual(redeliveryDelayMs * 0.8);
      for (const attempt of attempts) {
        expect(attempt).toMatchObject({ messageId, key: 'conversion-9', body: '{"n":9}', properties: { type: 'T' } });
      }
    });

    it('a message that always fails goes to <topic>-DLQ after maxRedeliveries and is not redelivered again', { timeout: testTimeout }, async () => {
      const topic = uniqueName('poison');
      const maxRedeliveries = 2;
      const deadLetters: DeliveredMessage[] = [];
      // subscribe to the DLQ first, so its messages are kept for this subscription on any broker
      await consume({ topic: `${topic}-DLQ`, subscription: uniqueName('dlq-audit'), mode: 'shared', handler: collect(deadLetters) });
      const attempts: DeliveredMessage[] = [];
      const good: DeliveredMessage[] = [];
      await consume({
        topic,
        subscription: uniqueName('sub'),
        mode: 'shared',
        maxRedeliveries,
        redeliveryDelayMs,
        handler: async (message) => {
          if (message.key !== 'poison') {
            good.push(message);
            return;
          }
          attempts.push(message);
          throw new Error('always fails');
        },
      });
      const body = JSON.stringify({ type: 'Broken', data: { why: 'bad data' } });
      await bus.publish(topic, { key: 'poison', body, properties: { type: 'Broken' } });
      await bus.publish(topic, { key: 'fine', body: '{}' });

      await waitFor(
        'the dead letter',
        () => deadLetters.length >= 1,
        timeoutMs,
        () => attempts.length,
      );
      await sleep(quietMs);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]).toMatchObject({ topic: `${topic}-DLQ`, key: 'poison', body });
      expect(deadLetters[0]!.properties).toMatchObject({ type: 'Broken' });
      // first delivery + maxRedeliveries redeliveries, then no more
      expect(attempts.map((attempt) => attempt.redeliveryCount)).toEqual([0, 1, 2]);
      expect(bodiesOf(good)).toEqual(['{}']);
    });

    it('a consumer closed with a message in flight (crash): the message goes to the next consumer, nothing lost', { timeout: testTimeout }, async () => {
      const topic = uniqueName('crash');
      const subscription = uniqueName('workers');
      const gate = new Gate();
      cleanups.push(() => gate.open());
      const startedOnCrashed: DeliveredMessage[] = [];
      const crashing = await consume({
        topic,
        subscription,
        mode: 'shared',
        handler: async (message) => {
          startedOnCrashed.push(message);
          await gate.promise; // never finishes before the consumer is closed
        },
      });
      const bodies = range('order', 3);
      await publishInOrder(topic, bodies);
      await waitFor('the first consumer to start a handler', () => startedOnCrashed.length >= 1, timeoutMs);

      await within('close() of a consumer whose handler hangs', crashing.close(), timeoutMs);
      const survivor: DeliveredMessage[] = [];
      await consume({ topic, subscription, mode: 'shared', handler: collect(survivor) });
      await waitFor(
        'all 3 at the second consumer',
        () => new Set(bodiesOf(survivor)).size >= 3,
        timeoutMs,
        () => bodiesOf(survivor),
      );
      gate.open(); // the "crashed" handlers finish late: their outcome must not matter
      await sleep(quietMs);
      expect([...bodiesOf(survivor)].sort()).toEqual(bodies);
      expect([...countBy(bodiesOf(survivor)).values()].every((count) => count === 1)).toBe(true);
    });

    const context: ContractContext = {
      get bus() {
        return bus;
      }, // the bus of the current test
      consume,
      read,
      publishInOrder,
      bodiesOf,
      collect,
      range,
      redeliveryDelayMs,
      timeoutMs,
      quietMs,
      testTimeout,
    };
    describeStartPositionCases(context);
    describeFlowControlCases(context);

    it(
      'isConnected while open; after close() it is false, publish rejects with BusUnavailableError, close is idempotent',
      { timeout: testTimeout },
      async () => {
        await waitFor('isConnected()', () => bus.isConnected(), timeoutMs);
        await bus.close();
        expect(bus.isConnected()).toBe(false);
        await expect(bus.publish(uniqueName('closed'), { key: 'k', body: '{}' })).rejects.toBeInstanceOf(BusUnavailableError);
        await bus.close();
      },
    );
  });
}
