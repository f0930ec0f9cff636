// Bounded waits: a test probes until something holds instead of sleeping a guessed time.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `probe` returns something other than undefined/null/false; fails after `timeoutMs`.
 * `what` may be a function so that the failure describes the state at the deadline, not at the call.
 */
export async function waitUntil<Value>(what: string | (() => string), probe: () => Promise<Value> | Value, timeoutMs = 10_000): Promise<NonNullable<Value>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<Value>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(20);
  }
}
