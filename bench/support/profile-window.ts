// Profiles processes (started with profile-on-signal.mjs preloaded) over exactly one piece of work.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatAllocationSummary, summariseAllocations } from './allocation-profile-summary.js';
import { PER_REQUEST, formatProfileSummary, summariseProfile, type ProfileUnit } from './cpu-profile-summary.js';

export interface ProfiledProcess {
  /** BENCH_PROCESS_LABEL the process was started with. */
  label: string;
  pid: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGUSR2 (start), the work, SIGUSR2 (stop); resolves with each process's profile once written, renamed
 * <label>-<window>-<pid>.cpuprofile so that a process profiled in several windows keeps one file per window, and
 * likewise its allocation profile (.heapprofile, BENCH_ALLOC_PROF=1) where the process wrote one: `allocationFiles`
 * holds it at the process's index, undefined where there is none.
 */
export async function profileDuring<T>(
  directory: string,
  processes: readonly ProfiledProcess[],
  window: string,
  work: () => Promise<T>,
): Promise<{ result: T; files: string[]; allocationFiles: (string | undefined)[] }> {
  const written = processes.map(({ label, pid }) => join(directory, `${label}-${pid}.cpuprofile`));
  for (const file of written) rmSync(file, { force: true });
  for (const { pid } of processes) process.kill(pid, 'SIGUSR2');
  await sleep(200); // the profiler starts asynchronously
  const result = await work();
  for (const { pid } of processes) process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 60_000;
  while (!written.every((file) => existsSync(file))) {
    if (Date.now() > deadline) throw new Error(`profiles not written: ${written.filter((file) => !existsSync(file)).join(', ')}`);
    await sleep(100);
  }
  const files = processes.map(({ label, pid }) => join(directory, `${label}-${window}-${pid}.cpuprofile`));
  written.forEach((file, index) => renameSync(file, files[index]!));
  const allocationFiles = processes.map(({ label, pid }) => {
    const heap = join(directory, `${label}-${pid}.heapprofile`);
    if (!existsSync(heap)) return undefined;
    const renamed = join(directory, `${label}-${window}-${pid}.heapprofile`);
    renameSync(heap, renamed);
    return renamed;
  });
  return { result, files, allocationFiles };
}

/**
 * Prints where a process's CPU went per unit of work. A profile's sample weights are wall-clock intervals, which on a
 * busy machine include time the process sat descheduled; so the shares come from the profile and the total from
 * /proc (`cpuMsPerUnit`, measured over the same window) when given.
 */
export function printProfile(title: string, file: string, units: number, cpuMsPerUnit?: number, unit: ProfileUnit = PER_REQUEST): void {
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')));
  console.log(formatProfileSummary(`${title} (${file})`, summary, units, cpuMsPerUnit, unit));
}

/** Prints what a process allocated per request over a profiled window (an allocation profile from profileDuring). */
export function printAllocations(title: string, file: string | undefined, requests: number): void {
  if (!file) return;
  console.log(formatAllocationSummary(`${title} (${file})`, summariseAllocations(JSON.parse(readFileSync(file, 'utf8'))), requests));
}
