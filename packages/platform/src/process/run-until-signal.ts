import { ConfigurationError } from '../config.js';

export interface Stoppable {
  stop(): Promise<void>;
}

const SHUTDOWN_LIMIT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 20_000);

/**
 * Runs a process's main until SIGINT/SIGTERM, then stops it within a bounded time and exits 0.
 * A configuration error prints every problem in one message and exits 1 before anything starts.
 */
export async function runUntilSignal(name: string, start: () => Promise<Stoppable>): Promise<void> {
  let running: Stoppable;
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigurationError) console.error(error.message);
    else console.error(`${name} failed to start:`, error instanceof Error ? error.message : error);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${name}: ${signal} received, shutting down…`);
    const forced = setTimeout(() => {
      console.error(`${name}: shutdown took longer than ${SHUTDOWN_LIMIT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    forced.unref();
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`${name}: error while shutting down`, error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
