/**
 * What only a real broker shows: several Bus instances (processes, in production) sharing subscriptions, DLQ
 * topics that keep their messages for later readers, replay by message id across instances, and crash redelivery.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PulsarWebSocketBus, type Bus, type DeliveredMessage } from '../src/index.js';
import { countBy, Gate, sleep, waitFor } from './contract/helpers.js';
import { assertBrokerReachable, brokerTestName, PULSAR_WEB_URL } from './pulsar/broker.js';

const TIMEOUT = 30_000;
let buses: Bus[] = [];

/** A Bus as one service instance would have it (its own sockets, its own process in production). */
function instance(): Bus {
  const bus = new PulsarWebSocketBus({ webUrl: PULSAR_WEB_URL });
  buses.push(bus);
  return bus;
}

const bodies = (messages: readonly DeliveredMessage[]) => messages.map((message) => message.body);

beforeAll(async () => {
  await assertBrokerReachable();
});

afterEach(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  buses = [];
});

describe('Pulsar broker: several Bus instances', () => {
  it('two worker instances on one shared subscription process each of 200 commands exactly once between them', async () => {
    const topic = brokerTestName('commands');
    const subscription = brokerTestName('workers');
    const byInstance: DeliveredMessage[][] = [[], []];
    for (const [index, received] of byInstance.entries()) {
      await instance().consume({
        topic,
        subscription,
        mode: 'shared',
        handler: async (message) => {
          received.push(message);
          await sleep(1 + index);
        },
      });
    }
    const sender = instance();
    const commands = Array.from({ length: 200 }, (_, index) => `command-${index}`);
    await Promise.all(commands.map((body, index) => sender.publish(topic, { key: `afiliado-${index % 13}`, body })));

    const all = () => byInstance.flat();
    await waitFor(
      '200 deliveries',
      () => all().length >= 200,
      TIMEOUT,
      () => all().length,
    );
    await sleep(1_000);
    expect(all()).toHaveLength(200);
    expect(new Set(bodies(all()))).toEqual(new Set(commands));
    expect(byInstance[0]!.length).toBeGreaterThan(0);
    expect(byInstance[1]!.length).toBeGreaterThan(0);
  });

  it('two gateway instances each see every event: by readers, and by per-instance exclusive subscriptions', async () => {
    const topic = brokerTestName('events');
    const [gatewayA, gatewayB, publisher] = [instance(), instance(), instance()];
    const read: DeliveredMessage[][] = [[], []];
    const subscribed: DeliveredMessage[][] = [[], []];
    for (const [index, gateway] of [gatewayA, gatewayB].entries()) {
      await gateway.read({ topic, start: { from: 'latest' }, handler: (message) => void read[index]!.push(message) });
      await gateway.consume({
        topic,
        subscription: brokerTestName(`gateway-${index}`),
        mode: 'exclusive',
        initialPosition: 'latest',
        handler: async (message) => void subscribed[index]!.push(message),
      });
    }
    const events = Array.from({ length: 30 }, (_, index) => `event-${index}`);
    for (const body of events) await publisher.publish(topic, { key: `conversion-${body.length % 4}`, body });

    const done = () => [...read, ...subscribed].every((list) => list.length >= 30);
    await waitFor('every instance to see 30', done, TIMEOUT, () => [...read, ...subscribed].map((list) => list.length));
    await sleep(500);
    for (const list of [...read, ...subscribed]) expect(bodies(list)).toEqual(events);
  });

  it('key-shared across two instances: each key stays on one instance, in publish order', async () => {
    const topic = brokerTestName('ordered');
    const subscription = brokerTestName('projection');
    const keys = Array.from({ length: 8 }, (_, index) => `afiliado-${index}`);
    const byInstance: DeliveredMessage[][] = [[], []];
    for (const received of byInstance) {
      await instance().consume({
        topic,
        subscription,
        mode: 'key-shared',
        handler: async (message) => {
          await sleep(1);
          received.push(message);
        },
      });
    }
    const publisher = instance();
    for (let round = 0; round < 25; round += 1) {
      await Promise.all(keys.map((key) => publisher.publish(topic, { key, body: `${key}#${round}` })));
    }

    const total = () => byInstance[0]!.length + byInstance[1]!.length;
    await waitFor('200 deliveries', () => total() >= 200, TIMEOUT, total);
    await sleep(500);
    expect(total()).toBe(200);
    for (const key of keys) {
      const owners = byInstance.map((received) => received.filter((message) => message.key === key));
      expect(owners.filter((list) => list.length > 0)).toHaveLength(1);
      const rounds = owners.flat().map((message) => Number(message.body.split('#')[1]));
      expect(rounds).toEqual(Array.from({ length: 25 }, (_, round) => round));
    }
  });

  it('a message that fails maxRedeliveries+1 times lands in the DLQ topic, which keeps it for a subscription made later', async () => {
    const topic = brokerTestName('poison');
    const bus = instance();
    const attempts: number[] = [];
    await bus.consume({
      topic,
      subscription: brokerTestName('worker'),
      mode: 'shared',
      maxRedeliveries: 3,
      redeliveryDelayMs: 100,
      handler: async (message) => {
        attempts.push(message.redeliveryCount);
        throw new Error('always fails');
      },
    });
    await bus.publish(topic, { key: 'conversion-7', body: '{"broken":true}', properties: { type: 'ConversionRegistrada' } });
    await waitFor(
      '4 attempts',
      () => attempts.length >= 4,
      TIMEOUT,
      () => attempts,
    );
    await sleep(1_500); // the dead letter is written by the broker side of the WebSocket consumer

    const later = instance(); // nobody subscribed to the DLQ before: retention keeps its messages
    const dead: DeliveredMessage[] = [];
    await later.consume({
      topic: `${topic}-DLQ`,
      subscription: brokerTestName('audit'),
      mode: 'exclusive',
      handler: async (message) => void dead.push(message),
    });
    await waitFor('the dead letter', () => dead.length >= 1, TIMEOUT);
    await sleep(500);
    expect(attempts).toEqual([0, 1, 2, 3]);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ topic: `${topic}-DLQ`, key: 'conversion-7', body: '{"broken":true}' });
    expect(dead[0]!.properties).toMatchObject({ type: 'ConversionRegistrada' });
  });

  it("maxRedeliveries 0 (which Pulsar's own policy refuses): the first failure is dead-lettered, no redelivery", async () => {
    const topic = brokerTestName('no-retry');
    const bus = instance();
    const dead: DeliveredMessage[] = [];
    await bus.consume({ topic: `${topic}-DLQ`, subscription: brokerTestName('audit'), mode: 'shared', handler: async (message) => void dead.push(message) });
    const attempts: number[] = [];
    await bus.consume({
      topic,
      subscription: brokerTestName('worker'),
      mode: 'shared',
      maxRedeliveries: 0,
      redeliveryDelayMs: 50,
      handler: async (message) => {
        attempts.push(message.redeliveryCount);
        throw new Error('fails once, never retried');
      },
    });
    await bus.publish(topic, { key: 'k', body: 'once', properties: { type: 'T' } });
    await waitFor(
      'the dead letter',
      () => dead.length >= 1,
      TIMEOUT,
      () => attempts,
    );
    await sleep(500);
    expect(attempts).toEqual([0]);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ key: 'k', body: 'once', properties: { type: 'T' } });
  });

  it('key-shared: a poison message is retried in place, then dead-lettered; later messages of its key wait, then follow', async () => {
    const topic = brokerTestName('ordered-poison');
    const bus = instance();
    const dead: DeliveredMessage[] = [];
    await bus.consume({ topic: `${topic}-DLQ`, subscription: brokerTestName('audit'), mode: 'shared', handler: async (message) => void dead.push(message) });
    const handled: string[] = [];
    const attempts: number[] = [];
    await bus.consume({
      topic,
      subscription: brokerTestName('projection'),
      mode: 'key-shared',
      maxRedeliveries: 2,
      redeliveryDelayMs: 50,
      handler: async (message) => {
        if (message.body === 'k#1') {
          attempts.push(message.redeliveryCount);
          throw new Error('poison');
        }
        handled.push(message.body);
      },
    });
    for (const body of ['k#0', 'k#1', 'k#2', 'k#3']) await bus.publish(topic, { key: 'k', body, properties: { n: body } });
    await waitFor(
      'the rest of the key and the dead letter',
      () => handled.length >= 3 && dead.length >= 1,
      TIMEOUT,
      () => [handled, attempts],
    );
    await sleep(500);
    expect(handled).toEqual(['k#0', 'k#2', 'k#3']);
    expect(attempts).toEqual([0, 1, 2]);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.properties).toMatchObject({ n: 'k#1', REAL_TOPIC: `persistent://public/default/${topic}` });
  });

  it('replay from a message id on another instance yields exactly the later messages', async () => {
    const topic = brokerTestName('replay');
    const writer = instance();
    const ids: string[] = [];
    for (let index = 0; index < 10; index += 1) ids.push((await writer.publish(topic, { key: 'k', body: `m${index}` })).messageId);
    const replayed: DeliveredMessage[] = [];
    await instance().read({ topic, start: { from: 'after-message', messageId: ids[4]! }, handler: (message) => void replayed.push(message) });
    await waitFor(
      '5 messages',
      () => replayed.length >= 5,
      TIMEOUT,
      () => bodies(replayed),
    );
    await sleep(500);
    expect(bodies(replayed)).toEqual(['m5', 'm6', 'm7', 'm8', 'm9']);
    expect(replayed.map((message) => message.messageId)).toEqual(ids.slice(5));
  });

  it('an instance that dies mid-handler (its Bus closed): the other instance gets the message', async () => {
    const topic = brokerTestName('crash');
    const subscription = brokerTestName('workers');
    const crashing = instance();
    const gate = new Gate();
    const started: DeliveredMessage[] = [];
    await crashing.consume({
      topic,
      subscription,
      mode: 'shared',
      handler: async (message) => {
        started.push(message);
        await gate.promise;
      },
    });
    await crashing.publish(topic, { key: 'afiliado-1', body: 'register' });
    await waitFor('the handler to start', () => started.length === 1, TIMEOUT);

    await crashing.close(); // gives up on the hanging handler after closeTimeoutMs, like a crash
    const survivor: DeliveredMessage[] = [];
    await instance().consume({ topic, subscription, mode: 'shared', handler: async (message) => void survivor.push(message) });
    await waitFor('the redelivery', () => survivor.length >= 1, TIMEOUT);
    gate.open();
    await sleep(1_000);
    expect(bodies(survivor)).toEqual(['register']);
    expect(survivor[0]!.messageId).toBe(started[0]!.messageId);
    expect([...countBy(bodies(survivor)).values()]).toEqual([1]);
  });
});
