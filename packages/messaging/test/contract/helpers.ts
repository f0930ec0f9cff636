/**
 * Transport-agnostic helpers for the Bus contract suite: unique names, bounded polling, gates.
 * Nothing here knows about any transport.
 */
import { randomUUID } from 'node:crypto';

/** A topic or subscription name no other test (or earlier run against a persistent broker) has used. */
export function uniqueName(purpose: string): string {
  return `contract-${purpose}-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `condition` every 10 ms until it holds; fails with `what` (and `details()` if given) after `timeoutMs`.
 * Use it instead of fixed sleeps whenever the test waits for something to happen.
 */
export async function waitFor(what: string, condition: () => boolean, timeoutMs: number, details?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      const extra = details ? `; state: ${JSON.stringify(details())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${extra}`);
    }
    await sleep(10);
  }
}

/** Rejects when `promise` has not settled within `timeoutMs`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms: ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise resolved from outside: lets a handler hang until the test says so. */
export class Gate {
  readonly promise: Promise<void>;
  #open!: () => void;

  constructor() {
    this.promise = new Promise<void>((resolve) => {
      this.#open = resolve;
    });
  }

  open(): void {
    this.#open();
  }
}

/** How often each value occurs. */
export function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Drops consecutive repeats: [a, b, b, c] → [a, b, c] (a retried message counts once in an order check). */
export function withoutConsecutiveRepeats<T>(values: readonly T[]): T[] {
  return values.filter((value, index) => index === 0 || values[index - 1] !== value);
}
