// BENCH_CPU_PROF_DIR for a bench whose system runs inside the bench's own process (bench:pulsar): V8's sampling profiler
// over exactly one piece of work, written to <directory>/<name>.cpuprofile for printProfile (profile-window.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const INTERVAL_US = Number(process.env.BENCH_CPU_PROF_INTERVAL_US ?? 250);

/** Runs `work`; with a directory, under the profiler, and resolves with the profile's file too. */
export async function profileInProcess<T>(directory: string | undefined, name: string, work: () => Promise<T>): Promise<{ result: T; file?: string }> {
  if (!directory) return { result: await work() };
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: INTERVAL_US });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(directory, { recursive: true });
    const file = join(directory, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return { result, file };
  } finally {
    session.disconnect();
  }
}
