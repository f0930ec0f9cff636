// Memory-only behaviour (not part of the transport contract): the simulated outage, options, internals a
// caller may rely on when using MemoryBus directly.
import { afterEach, describe, expect, it } from 'vitest';
import { BusUnavailableError, MemoryBus, type DeliveredMessage, type MemoryBusOptions } from '../src/index.js';
import { Gate, sleep, uniqueName, waitFor } from './contract/helpers.js';

const TIMEOUT = 5_000;
const QUIET = 150;

let buses: MemoryBus[] = [];

function newBus(options?: MemoryBusOptions): MemoryBus {
  const bus = new MemoryBus(options);
  buses.push(bus);
  return bus;
}

afterEach(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  buses = [];
});

const collect = (into: DeliveredMessage[]) => async (message: DeliveredMessage) => {
  into.push(message);
};
const bodiesOf = (messages: readonly DeliveredMessage[]) => messages.map((message) => message.body);

describe('MemoryBus.simulateOutage', () => {
  it('publish rejects with BusUnavailableError, nothing is delivered, and nothing is lost afterwards', async () => {
    const bus = newBus();
    const topic = uniqueName('outage');
    await bus.publish(topic, { key: 'k', body: 'before-1' });
    await bus.publish(topic, { key: 'k', body: 'before-2' });

    bus.simulateOutage(true);
    expect(bus.isConnected()).toBe(false);
    await expect(bus.publish(topic, { key: 'k', body: 'rejected' })).rejects.toBeInstanceOf(BusUnavailableError);
    await expect(bus.publish(topic, { key: 'k', body: 'rejected' })).rejects.toThrow(/outage/);
    // consumers and readers may be opened during the outage, but receive nothing yet
    const consumed: DeliveredMessage[] = [];
    const read: DeliveredMessage[] = [];
    await bus.consume({ topic, subscription: 'sub', mode: 'exclusive', handler: collect(consumed) });
    await bus.read({ topic, start: { from: 'earliest' }, handler: (message) => void read.push(message) });
    await sleep(QUIET);
    expect(consumed).toEqual([]);
    expect(read).toEqual([]);

    bus.simulateOutage(false);
    expect(bus.isConnected()).toBe(true);
    await bus.publish(topic, { key: 'k', body: 'after' });
    await waitFor('delivery to resume', () => consumed.length >= 3 && read.length >= 3, TIMEOUT);
    await sleep(QUIET);
    expect(bodiesOf(consumed)).toEqual(['before-1', 'before-2', 'after']);
    expect(bodiesOf(read)).toEqual(['before-1', 'before-2', 'after']);
  });

  it('a redelivery that falls due during the outage happens after it; running handlers still ack', async () => {
    const bus = newBus();
    const topic = uniqueName('outage-nack');
    const attempts: DeliveredMessage[] = [];
    const release = new Gate();
    await bus.consume({
      topic,
      subscription: 'sub',
      mode: 'shared',
      redeliveryDelayMs: 20,
      handler: async (message) => {
        attempts.push(message);
        if (message.key === 'slow') return release.promise;
        if (message.redeliveryCount === 0) throw new Error('fail once');
      },
    });
    await bus.publish(topic, { key: 'slow', body: 'slow' });
    await bus.publish(topic, { key: 'flaky', body: 'flaky' });
    await waitFor('both first deliveries', () => attempts.length >= 2, TIMEOUT);
    bus.simulateOutage(true);
    release.open(); // finishes during the outage: its ack counts
    await sleep(QUIET);
    expect(attempts).toHaveLength(2);

    bus.simulateOutage(false);
    await waitFor('the redelivery', () => attempts.length >= 3, TIMEOUT);
    await sleep(QUIET);
    expect(attempts.map(({ body, redeliveryCount }) => [body, redeliveryCount])).toEqual([
      ['slow', 0],
      ['flaky', 0],
      ['flaky', 1],
    ]);
  });
});

describe('MemoryBus', () => {
  it('never runs a handler inside publish', async () => {
    const bus = newBus();
    const topic = uniqueName('async');
    let calls = 0;
    await bus.consume({ topic, subscription: 'sub', mode: 'shared', handler: async () => void (calls += 1) });
    await bus.read({ topic, start: { from: 'earliest' }, handler: () => void (calls += 1) });
    const publishing = bus.publish(topic, { key: 'k', body: '{}' });
    expect(calls).toBe(0);
    await publishing;
    await waitFor('both handlers', () => calls === 2, TIMEOUT);
  });

  it('gives increasing, opaque string message ids and monotonic publish times', async () => {
    const bus = newBus();
    const topic = uniqueName('ids');
    const ids: string[] = [];
    for (let index = 0; index < 12; index += 1) ids.push((await bus.publish(topic, { key: 'k', body: `${index}` })).messageId);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(12);
    const seen: DeliveredMessage[] = [];
    await bus.read({ topic, start: { from: 'earliest' }, handler: (message) => void seen.push(message) });
    await waitFor('the history', () => seen.length === 12, TIMEOUT);
    const times = seen.map((message) => message.publishTime.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('keeps nothing across instances (no durability across restarts)', async () => {
    const topic = uniqueName('restart');
    const first = newBus();
    await first.publish(topic, { key: 'k', body: 'lost on restart' });
    await first.close();
    const second = newBus();
    const seen: DeliveredMessage[] = [];
    await second.read({ topic, start: { from: 'earliest' }, handler: (message) => void seen.push(message) });
    await sleep(QUIET);
    expect(seen).toEqual([]);
  });

  it('limits the handlers a shared consumer runs at once to maxInFlightPerConsumer', async () => {
    const bus = newBus({ maxInFlightPerConsumer: 3 });
    const topic = uniqueName('in-flight');
    let running = 0;
    let peak = 0;
    let done = 0;
    await bus.consume({
      topic,
      subscription: 'sub',
      mode: 'shared',
      handler: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(5);
        running -= 1;
        done += 1;
      },
    });
    await Promise.all(Array.from({ length: 20 }, (_, index) => bus.publish(topic, { key: `k${index}`, body: '{}' })));
    await waitFor('all 20', () => done === 20, TIMEOUT);
    expect(peak).toBe(3);
  });

  it('close() gives up on hanging handlers after closeTimeoutMs', async () => {
    const bus = newBus({ closeTimeoutMs: 50 });
    const topic = uniqueName('hang');
    let started = false;
    const consumer = await bus.consume({
      topic,
      subscription: 'sub',
      mode: 'shared',
      handler: () => {
        started = true;
        return new Promise<void>(() => {});
      },
    });
    await bus.publish(topic, { key: 'k', body: '{}' });
    await waitFor('the handler', () => started, TIMEOUT);
    const begin = Date.now();
    await consumer.close();
    expect(Date.now() - begin).toBeLessThan(1_000);
  });

  // Smoke test for delayed redeliveries under churn. The race it guards (an entry falling due between planning
  // and arming the wake-up timer) needs a loaded machine to show up; it was found with 16 parallel runs.
  it('many concurrent delayed redeliveries all happen', async () => {
    const bus = newBus();
    const topics = Array.from({ length: 100 }, () => uniqueName('stall'));
    const attempts = new Map<string, number>();
    for (const topic of topics) {
      await bus.consume({
        topic,
        subscription: 'sub',
        mode: 'shared',
        redeliveryDelayMs: 5,
        handler: async (message) => {
          const count = (attempts.get(message.topic) ?? 0) + 1;
          attempts.set(message.topic, count);
          if (count < 4) throw new Error('again');
        },
      });
    }
    await Promise.all(topics.map((topic) => bus.publish(topic, { key: 'k', body: '{}' })));
    const finished = () => topics.filter((topic) => attempts.get(topic) === 4).length;
    await waitFor('every message to succeed on its 4th attempt', () => finished() === topics.length, TIMEOUT, finished);
  });

  it('refuses a consumer of another mode while the subscription has consumers', async () => {
    const bus = newBus();
    const topic = uniqueName('modes');
    const keyShared = await bus.consume({ topic, subscription: 'sub', mode: 'key-shared', handler: async () => {} });
    await expect(bus.consume({ topic, subscription: 'sub', mode: 'shared', handler: async () => {} })).rejects.toThrow(
      /key-shared; a shared consumer cannot join/,
    );
    await keyShared.close();
    const shared = await bus.consume({ topic, subscription: 'sub', mode: 'shared', handler: async () => {} });
    await shared.close();
  });

  it('dead letters carry the origin (REAL_TOPIC, ORIGIN_MESSAGE_ID); deadLetterTopic and maxRedeliveries 0 are honoured', async () => {
    const bus = newBus();
    const topic = uniqueName('dlq');
    const deadLetterTopic = uniqueName('custom-dlq');
    const dead: DeliveredMessage[] = [];
    let attempts = 0;
    await bus.consume({ topic: deadLetterTopic, subscription: 'audit', mode: 'shared', handler: collect(dead) });
    await bus.consume({
      topic,
      subscription: 'sub',
      mode: 'shared',
      maxRedeliveries: 0,
      deadLetterTopic,
      handler: async () => {
        attempts += 1;
        throw new Error('no');
      },
    });
    const { messageId } = await bus.publish(topic, { key: 'x', body: 'b', properties: { type: 'T' } });
    await waitFor('the dead letter', () => dead.length === 1, TIMEOUT);
    expect(attempts).toBe(1);
    expect(dead[0]!.properties).toEqual({ type: 'T', REAL_TOPIC: topic, ORIGIN_MESSAGE_ID: messageId });
  });

  it('a reader handler that throws is reported and the reader moves on', async () => {
    const errors: unknown[] = [];
    const bus = newBus({ onHandlerError: (error, _message, source) => void errors.push([source, (error as Error).message]) });
    const topic = uniqueName('reader-error');
    const seen: string[] = [];
    await bus.read({
      topic,
      start: { from: 'earliest' },
      handler: (message) => {
        seen.push(message.body);
        if (message.body === 'bad') throw new Error('boom');
      },
    });
    for (const body of ['ok-1', 'bad', 'ok-2']) await bus.publish(topic, { key: 'k', body });
    await waitFor('all three', () => seen.length === 3, TIMEOUT);
    expect(errors).toEqual([['reader', 'boom']]);
  });

  it('key-shared keeps per-key order when a consumer leaves and its keys move', async () => {
    const bus = newBus();
    const topic = uniqueName('rebalance');
    const seen = new Map<string, string[]>();
    const handler = async (message: DeliveredMessage) => {
      await sleep(1);
      seen.set(message.key, [...(seen.get(message.key) ?? []), message.body]);
    };
    const first = await bus.consume({ topic, subscription: 'sub', mode: 'key-shared', handler });
    await bus.consume({ topic, subscription: 'sub', mode: 'key-shared', handler });
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const publishAll = async (from: number, to: number) => {
      for (let index = from; index < to; index += 1) for (const key of keys) await bus.publish(topic, { key, body: `${key}${index}` });
    };
    await publishAll(0, 10);
    await first.close();
    await publishAll(10, 20);
    const total = () => [...seen.values()].reduce((sum, list) => sum + list.length, 0);
    await waitFor('all 100', () => total() === 100, TIMEOUT);
    for (const key of keys) expect(seen.get(key)).toEqual(Array.from({ length: 20 }, (_, index) => `${key}${index}`));
  });

  it('rejects bad input: consume/read after close, unknown message ids, empty names', async () => {
    const bus = newBus();
    await expect(bus.read({ topic: 't', start: { from: 'after-message', messageId: 'nope' }, handler: () => {} })).rejects.toThrow(/not a message id/);
    await expect(bus.publish('', { key: 'k', body: '' })).rejects.toThrow(/topic/);
    await expect(bus.consume({ topic: 't', subscription: ' ', mode: 'shared', handler: async () => {} })).rejects.toThrow(/subscription/);
    await bus.close();
    await expect(bus.consume({ topic: 't', subscription: 's', mode: 'shared', handler: async () => {} })).rejects.toThrow(/closed/);
    await expect(bus.read({ topic: 't', start: { from: 'earliest' }, handler: () => {} })).rejects.toThrow(/closed/);
  });
});
