// One line per phase of a long step (e.g. "[pulsar] resolving the broker with Maven … done in 12.3 s").
// On a terminal the open phase also shows its elapsed seconds, updated in place; when stdout is not a terminal
// (CI logs, pipes) only the phase lines are printed, so logs stay readable. Node builtins only: the Pulsar
// scripts and the doctor use it before `npm install` has run.

const interactive = () => Boolean(process.stdout.isTTY) && process.env.CI !== 'true';
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Starts a phase: prints its line at once and returns a handle to end it.
 * @param {string} prefix e.g. "[pulsar]"
 * @param {string} label what is happening, e.g. "resolving the broker with Maven"
 */
export function startPhase(prefix, label) {
  const startedAt = Date.now();
  const line = `${prefix} ${label} …`;
  let ticker;
  if (interactive()) {
    process.stdout.write(line);
    ticker = setInterval(() => process.stdout.write(`\r${line} ${seconds(Date.now() - startedAt)}`), 1000);
    ticker.unref();
  } else {
    process.stdout.write(`${line}\n`);
  }
  let ended = false;
  const end = (outcome, detail) => {
    if (ended) return;
    ended = true;
    if (ticker) clearInterval(ticker);
    const text = `${outcome} in ${seconds(Date.now() - startedAt)}${detail ? ` (${detail})` : ''}`;
    process.stdout.write(interactive() ? `\r${line} ${text}\n` : `${prefix} ${label}: ${text}\n`);
  };
  return {
    /** @param {string} [detail] */
    done: (detail) => end('done', detail),
    /** @param {string} [detail] */
    failed: (detail) => end('failed', detail),
  };
}

/**
 * Runs `work` as one phase: its line, then "done in …" or "failed in …" (the error is rethrown).
 * `work` may return { result, detail } through the `describe` argument to add a short note to the line.
 * @template T
 * @param {string} prefix
 * @param {string} label
 * @param {() => Promise<T>} work
 * @param {(result: T) => string | undefined} [describe]
 * @returns {Promise<T>}
 */
export async function phase(prefix, label, work, describe) {
  const handle = startPhase(prefix, label);
  try {
    const result = await work();
    handle.done(describe?.(result));
    return result;
  } catch (error) {
    handle.failed();
    throw error;
  }
}
