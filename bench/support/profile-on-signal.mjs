// Preloaded into a bench's processes (node --import) when the bench profiles: SIGUSR2 starts V8's sampling CPU
// profiler, the next SIGUSR2 stops it and writes <BENCH_CPU_PROF_DIR>/<BENCH_PROCESS_LABEL>-<pid>.cpuprofile.
// So a profile covers exactly the load window, not start-up; the profiled code itself is not touched.
// With BENCH_ALLOC_PROF=1 the same window also samples allocations (V8's sampling heap profiler, objects the GC has
// already collected included: what was allocated, not what survived) into <label>-<pid>.heapprofile, written first.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const directory = process.env.BENCH_CPU_PROF_DIR;
const label = process.env.BENCH_PROCESS_LABEL ?? 'process';
const intervalUs = Number(process.env.BENCH_CPU_PROF_INTERVAL_US ?? 250);
const allocations = process.env.BENCH_ALLOC_PROF === '1';
const ALLOCATION_SAMPLING = { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
let session;

if (directory) {
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
        await session.post('Profiler.start');
        if (allocations) {
          await session.post('HeapProfiler.enable');
          await session.post('HeapProfiler.startSampling', ALLOCATION_SAMPLING);
        }
        return;
      }
      if (allocations) {
        const { profile: heap } = await session.post('HeapProfiler.stopSampling');
        writeFileSync(join(directory, `${label}-${process.pid}.heapprofile`), JSON.stringify(heap));
      }
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      const file = join(directory, `${label}-${process.pid}.cpuprofile`);
      writeFileSync(`${file}.partial`, JSON.stringify(profile));
      renameSync(`${file}.partial`, file); // appears whole: the bench waits for this name
    })();
  });
}
