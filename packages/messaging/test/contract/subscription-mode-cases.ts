import { expect, it } from 'vitest';
import type { DeliveredMessage } from '../../src/bus.js';
import type { ContractContext } from './contract-context.js';
import { sleep, uniqueName, waitFor, within, withoutConsecutiveRepeats } from './helpers.js';

/** How the subscription modes share a topic: shared splits the work, key-shared keeps each key's order on one consumer, exclusive admits one consumer. */
export function describeSubscriptionModeCases(ctx: ContractContext): void {
  const { consume, publishInOrder, bodiesOf, collect, range, redeliveryDelayMs, timeoutMs, quietMs, testTimeout } = ctx;
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
    await Promise.all(bodies.map((body, index) => ctx.bus.publish(topic, { key: `k-${index % 7}`, body })));

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
        await ctx.bus.publish(topic, { key, body });
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
      within('the refused consume() to settle', ctx.bus.consume({ topic, subscription, mode: 'exclusive', handler: async () => {} }), timeoutMs),
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
}
