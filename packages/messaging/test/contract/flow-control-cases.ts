import { expect, it } from 'vitest';
import type { DeliveredMessage } from '../../src/bus.js';
import type { ContractContext } from './contract-context.js';
import { Gate, sleep, uniqueName, waitFor } from './helpers.js';

/** How many messages one consumer handles at once: `maxInFlight`, the knob a batching handler (group commit) turns. */
export function describeFlowControlCases(ctx: ContractContext): void {
  const { consume, publishInOrder, range, timeoutMs, quietMs, testTimeout } = ctx;

  for (const mode of ['shared', 'key-shared'] as const) {
    it(`${mode}: maxInFlight 12 lets exactly 12 handlers run at once, never more, and the rest follow`, { timeout: testTimeout }, async () => {
      const topic = uniqueName(`in-flight-${mode}`);
      const bodies = range('m', 30);
      const gate = new Gate();
      let running = 0;
      let highest = 0;
      const handled: DeliveredMessage[] = [];
      await consume({
        topic,
        subscription: uniqueName('batcher'),
        mode,
        maxInFlight: 12,
        handler: async (message) => {
          running += 1;
          highest = Math.max(highest, running);
          await gate.promise;
          handled.push(message);
          running -= 1;
        },
      });
      // one key per message: key-shared may run them in parallel too
      await Promise.all(bodies.map((body) => publishInOrder(topic, [body], `key-${body}`)));
      await waitFor(
        '12 handlers running',
        () => running === 12,
        timeoutMs,
        () => running,
      );
      await sleep(quietMs);
      expect(highest).toBe(12);
      gate.open();
      await waitFor(
        'all 30 handled',
        () => handled.length >= 30,
        timeoutMs,
        () => handled.length,
      );
      expect(highest).toBe(12);
    });
  }

  it('refuses a maxInFlight below 1 or not an integer, before touching the topic', { timeout: testTimeout }, async () => {
    const handler = async () => undefined;
    for (const maxInFlight of [0, -1, 2.5]) {
      await expect(consume({ topic: uniqueName('bad-in-flight'), subscription: uniqueName('s'), mode: 'shared', maxInFlight, handler })).rejects.toThrow(
        /maxInFlight must be an integer >= 1/,
      );
    }
  });
}
