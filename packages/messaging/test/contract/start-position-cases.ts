import { expect, it } from 'vitest';
import type { DeliveredMessage } from '../../src/bus.js';
import type { ContractContext } from './contract-context.js';
import { sleep, uniqueName, waitFor } from './helpers.js';

/** Where subscriptions resume and where new subscriptions and readers start: earliest, latest, after a message id, at a time. */
export function describeStartPositionCases(ctx: ContractContext): void {
  const { consume, read, publishInOrder, bodiesOf, collect, range, timeoutMs, quietMs, testTimeout } = ctx;
  it('a durable subscription resumes after close/reopen: no acked message again, missed ones delivered', { timeout: testTimeout }, async () => {
    const topic = uniqueName('durable');
    const subscription = uniqueName('projection');
    const firstRun: DeliveredMessage[] = [];
    const consumer = await consume({ topic, subscription, mode: 'exclusive', handler: collect(firstRun) });
    await publishInOrder(topic, ['m1', 'm2']);
    await waitFor('m1 and m2', () => firstRun.length >= 2, timeoutMs);
    await consumer.close();

    await publishInOrder(topic, ['m3', 'm4']); // nobody connected
    const secondRun: DeliveredMessage[] = [];
    // initialPosition only applies to NEW subscriptions: this one resumes where it was
    await consume({ topic, subscription, mode: 'exclusive', initialPosition: 'latest', handler: collect(secondRun) });
    await waitFor(
      'm3 and m4',
      () => secondRun.length >= 2,
      timeoutMs,
      () => bodiesOf(secondRun),
    );
    await sleep(quietMs);
    expect(bodiesOf(firstRun)).toEqual(['m1', 'm2']);
    expect(bodiesOf(secondRun)).toEqual(['m3', 'm4']);
  });

  it("initialPosition: a new 'earliest' (the default) subscription gets older messages, 'latest' does not", { timeout: testTimeout }, async () => {
    const topic = uniqueName('initial');
    await publishInOrder(topic, ['old-1', 'old-2', 'old-3']);
    const earliest: DeliveredMessage[] = [];
    const byDefault: DeliveredMessage[] = [];
    const latest: DeliveredMessage[] = [];
    await consume({ topic, subscription: uniqueName('earliest'), mode: 'exclusive', initialPosition: 'earliest', handler: collect(earliest) });
    await consume({ topic, subscription: uniqueName('default'), mode: 'exclusive', handler: collect(byDefault) });
    await consume({ topic, subscription: uniqueName('latest'), mode: 'exclusive', initialPosition: 'latest', handler: collect(latest) });
    await publishInOrder(topic, ['new-1', 'new-2']);

    const done = () => earliest.length >= 5 && byDefault.length >= 5 && latest.length >= 2;
    await waitFor('all deliveries', done, timeoutMs, () => [earliest.length, byDefault.length, latest.length]);
    await sleep(quietMs);
    const everything = ['old-1', 'old-2', 'old-3', 'new-1', 'new-2'];
    expect(bodiesOf(earliest)).toEqual(everything);
    expect(bodiesOf(byDefault)).toEqual(everything);
    expect(bodiesOf(latest)).toEqual(['new-1', 'new-2']);
  });

  it('reader from earliest: all history in order, then live messages; consumes nothing; stops when closed', { timeout: testTimeout }, async () => {
    const topic = uniqueName('reader-earliest');
    const history = range('history', 5);
    const historyIds = await publishInOrder(topic, history);
    const seen: DeliveredMessage[] = [];
    const reader = await read({ topic, start: { from: 'earliest' }, handler: (message) => void seen.push(message) });
    await waitFor(
      'the history',
      () => seen.length >= 5,
      timeoutMs,
      () => seen.length,
    );
    const live = range('live', 3);
    const liveIds = await publishInOrder(topic, live);
    await waitFor(
      'the live messages',
      () => seen.length >= 8,
      timeoutMs,
      () => seen.length,
    );
    await sleep(quietMs);
    expect(bodiesOf(seen)).toEqual([...history, ...live]);
    expect(seen.map((message) => message.messageId)).toEqual([...historyIds, ...liveIds]);
    expect(seen.every((message) => message.topic === topic)).toBe(true);

    // the reader took nothing away from subscriptions
    const subscriber: DeliveredMessage[] = [];
    await consume({ topic, subscription: uniqueName('after-reader'), mode: 'exclusive', handler: collect(subscriber) });
    await waitFor('a subscription to get all 8', () => subscriber.length >= 8, timeoutMs);

    await reader.close();
    await ctx.bus.publish(topic, { key: 'k', body: 'after-close' });
    await waitFor('the subscription to get the last one', () => subscriber.length >= 9, timeoutMs);
    await sleep(quietMs);
    expect(seen).toHaveLength(8);
  });

  it('reader after a message id: exactly the later messages, history then live, no duplicates', { timeout: testTimeout }, async () => {
    const topic = uniqueName('reader-after');
    const history = range('history', 6);
    const ids = await publishInOrder(topic, history);
    const seen: DeliveredMessage[] = [];
    await read({ topic, start: { from: 'after-message', messageId: ids[2]! }, handler: (message) => void seen.push(message) });
    await waitFor(
      'the 3 later messages',
      () => seen.length >= 3,
      timeoutMs,
      () => bodiesOf(seen),
    );
    await publishInOrder(topic, ['live-0', 'live-1']);
    await waitFor(
      'the live messages',
      () => seen.length >= 5,
      timeoutMs,
      () => bodiesOf(seen),
    );
    await sleep(quietMs);
    expect(bodiesOf(seen)).toEqual(['history-3', 'history-4', 'history-5', 'live-0', 'live-1']);
  });

  it('reader from a time: exactly the messages published at or after it, then live ones', { timeout: testTimeout }, async () => {
    const topic = uniqueName('reader-time');
    await publishInOrder(topic, range('before', 3));
    await sleep(50);
    const time = new Date();
    const after = range('after', 3);
    await publishInOrder(topic, after);
    const seen: DeliveredMessage[] = [];
    await read({ topic, start: { from: 'time', time }, handler: (message) => void seen.push(message) });
    await waitFor(
      'the second batch',
      () => seen.length >= 3,
      timeoutMs,
      () => bodiesOf(seen),
    );
    await ctx.bus.publish(topic, { key: 'k', body: 'live' });
    await waitFor(
      'the live message',
      () => seen.length >= 4,
      timeoutMs,
      () => bodiesOf(seen),
    );
    await sleep(quietMs);
    expect(bodiesOf(seen)).toEqual([...after, 'live']);
    for (const message of seen) expect(message.publishTime.getTime()).toBeGreaterThanOrEqual(time.getTime());
  });
}
