import { startTracing, type TracingOptions } from '@alpes/tracing';
import { ConfigurationError } from '../config.js';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './process-config.js';

export interface Stoppable {
  /** Graceful stop, in order: stop accepting, finish in-flight work, release resources. */
  stop(): Promise<void>;
  /** Bound on stop() (the process's validated SHUTDOWN_TIMEOUT_MS); default: SHUTDOWN_TIMEOUT_MS from the environment, else 20 s. */
  shutdownTimeoutMs?: number;
}

export interface RunUntilSignalOptions {
  /** Where the process ends (tests replace it); default process.exit. */
  exit?: (code: number) => void;
  /** Which signals start the shutdown; default SIGTERM and SIGINT. */
  signals?: readonly NodeJS.Signals[];
  /** How the process's trace context follows its work, when OTEL_* turns tracing on (startTracing). */
  tracing?: TracingOptions;
}

/** SHUTDOWN_TIMEOUT_MS for processes that do not validate it themselves: an invalid value falls back to 20 s (and says so). */
function shutdownTimeoutFromEnvironment(name: string): number {
  const raw = process.env.SHUTDOWN_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 1) return value;
  console.error(`${name}: SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds (got ${JSON.stringify(raw)}); using ${DEFAULT_SHUTDOWN_TIMEOUT_MS}`);
  return DEFAULT_SHUTDOWN_TIMEOUT_MS;
}

/**
 * Runs a process's main until SIGTERM/SIGINT, then stops it gracefully and exits 0, or exits 1 when stopping fails
 * or takes longer than SHUTDOWN_TIMEOUT_MS.
 * - A configuration error prints every problem in one message and exits 1 before anything starts; any other start
 *   failure exits 1 with its message.
 * - The signal handlers are installed before start: a signal during start stops the process as soon as it started
 *   (and the time bound runs from the signal).
 * - A second signal does not abort a shutdown in progress: it is acknowledged and ignored; the bound still holds.
 */
export async function runUntilSignal(name: string, start: () => Promise<Stoppable>, options: RunUntilSignalOptions = {}): Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Stoppable | undefined;
  let shutdownRequested: string | undefined;
  let stopping = false;
  let exited = false;
  let forced: NodeJS.Timeout | undefined;
  const finish = (code: number) => {
    if (exited) return;
    exited = true;
    clearTimeout(forced);
    exit(code);
  };

  const stopRunning = (stoppable: Stoppable) => {
    stopping = true;
    stoppable
      .stop()
      .then(() => {
        console.log(`${name}: stopped`);
        finish(0);
      })
      .catch((error: unknown) => {
        console.error(`${name}: error while shutting down:`, error instanceof Error ? error.message : error);
        finish(1);
      });
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdownRequested) {
      console.log(`${name}: ${signal} received while shutting down (after ${shutdownRequested}); the shutdown goes on`);
      return;
    }
    shutdownRequested = signal;
    const limitMs = running?.shutdownTimeoutMs ?? shutdownTimeoutFromEnvironment(name);
    console.log(`${name}: ${signal} received, shutting down (at most ${limitMs} ms)…`);
    // Kept referenced: even a stop that never settles ends in an exit within the bound.
    forced = setTimeout(() => {
      console.error(`${name}: shutdown took longer than ${limitMs} ms (SHUTDOWN_TIMEOUT_MS); exiting`);
      finish(1);
    }, limitMs);
    if (running && !stopping) stopRunning(running);
    // else: start() is still running; the stop begins as soon as it returns.
  };
  const signals = options.signals ?? (['SIGTERM', 'SIGINT'] as const);
  for (const signal of signals) process.on(signal, onSignal);

  try {
    // OpenTelemetry first (only when OTEL_* asks for it), so every span of the process has a provider; its buffered
    // spans are exported at the end of a graceful stop (a collector that is down does not fail the stop)
    const tracing = await startTracing(name, options.tracing);
    const started = await start();
    running = tracing ? { ...started, stop: () => started.stop().finally(() => tracing.shutdown().catch(() => undefined)) } : started;
  } catch (error) {
    if (error instanceof ConfigurationError) console.error(error.message);
    else console.error(`${name} failed to start:`, error instanceof Error ? error.message : error);
    finish(1);
    return;
  }
  if (shutdownRequested && !stopping) stopRunning(running);
}
