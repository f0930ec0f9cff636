import { expect, it } from 'vitest';
import type { DeliveredMessage } from '../../src/bus.js';
import type { ContractContext } from './contract-context.js';
import { countBy, Gate, sleep, uniqueName, waitFor, within } from './helpers.js';

/** What happens when handling fails: a thrown handler is redelivered, a message that always fails is dead-lettered, a crashed consumer's message moves on. */
export function describeFailureCases(ctx: ContractContext): void {
  const { consume, publishInOrder, bodiesOf, collect, range, onCleanup, redeliveryDelayMs, timeoutMs, quietMs, testTimeout } = ctx;
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
    const { messageId } = await ctx.bus.publish(topic, { key: 'conversion-9', body: '{"n":9}', properties: { type: 'T' } });

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
    await ctx.bus.publish(topic, { key: 'poison', body, properties: { type: 'Broken' } });
    await ctx.bus.publish(topic, { key: 'fine', body: '{}' });

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
    onCleanup(() => gate.open());
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
}
