/**
 * Coalesces any number of wake-ups into one asynchronous run on the next macrotask (setImmediate),
 * so work triggered by publish, ack or a timer never runs inside the caller's stack.
 */
export class AsyncTrigger {
  #scheduled = false;

  constructor(private readonly run: () => void) {}

  fire(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.run();
    });
  }
}

/** Resolves when `promise` settles or after `ms`, whichever comes first; true if it settled in time. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
