// Waiting on an operation's deadline signal (composition/until-aborted.ts): each fetch, batched read and merged request
// waits on it, through one `abort` listener on the signal.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { untilAborted, whenAborted } from '../src/composition/until-aborted.js';

describe('waiting on an abort signal', () => {
  it('registers one listener on the signal however many wait, and runs each waiter still waiting once', () => {
    const controller = new AbortController();
    const ran: string[] = [];
    whenAborted(controller.signal, () => ran.push('a'));
    const forgetB = whenAborted(controller.signal, () => ran.push('b'));
    whenAborted(controller.signal, () => ran.push('c'));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    forgetB();
    controller.abort();
    controller.abort();
    expect(ran).toEqual(['a', 'c']);
  });

  it('settles with the promise, or with the abort reason when the signal aborts first, leaving the others waiting', async () => {
    const controller = new AbortController();
    let settleSlow!: (value: string) => void;
    const slow = new Promise<string>((resolve) => (settleSlow = resolve));
    const quick = untilAborted(Promise.resolve('quick'), controller.signal);
    const leaving = untilAborted(slow, controller.signal);
    await expect(quick).resolves.toBe('quick');
    controller.abort(new Error('deadline passed'));
    await expect(leaving).rejects.toThrow('deadline passed');
    settleSlow('late');
    await expect(untilAborted(Promise.resolve('no signal'), undefined)).resolves.toBe('no signal');
  });
});
