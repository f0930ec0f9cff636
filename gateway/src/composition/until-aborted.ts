/**
 * The promise, or the signal's abort reason if the signal aborts first (`onAbort` runs then): a request that leaves a
 * shared fetch or a batch at its own deadline, while the others keep waiting for it.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort?: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(signal.reason as Error);
    };
    const forget = whenAborted(signal, abort);
    promise.then(
      (value) => {
        forget();
        resolve(value);
      },
      (error: unknown) => {
        forget();
        reject(error as Error);
      },
    );
  });
}

/** The callbacks waiting on each signal, behind the one listener registered on it. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `onAbort` when `signal` aborts; the function returned forgets it. One `abort` listener per signal however many
 * wait on it: an operation's deadline signal is waited on by each of its fetches, its batched reads and their merged
 * requests, and Node's EventTarget add/removeEventListener cost ~2 % of the gateway's CPU per request when each
 * registered its own.
 */
export function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const registered = new Set<() => void>();
    callbacks = registered;
    waiting.set(signal, registered);
    signal.addEventListener(
      'abort',
      () => {
        for (const callback of [...registered]) callback();
        registered.clear();
      },
      { once: true },
    );
  }
  const entry = () => onAbort();
  callbacks.add(entry);
  const registered = callbacks;
  return () => void registered.delete(entry);
}
