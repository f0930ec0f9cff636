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
import { describeFailureCases } from './failure-cases.js';
import { describeFlowControlCases } from './flow-control-cases.js';
import { describeStartPositionCases } from './start-position-cases.js';
import { describeSubscriptionModeCases } from './subscription-mode-cases.js';
import type { ContractContext } from './contract-context.js';
import { uniqueName, waitFor } from './helpers.js';

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
      onCleanup(cleanup) {
        cleanups.push(cleanup);
      },
      redeliveryDelayMs,
      timeoutMs,
      quietMs,
      testTimeout,
    };

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

    describeSubscriptionModeCases(context);
    describeFailureCases(context);
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
