// CPU seconds per process over a window, read from /proc/<pid>/stat (utime + stime), as resource-sampler.ts does:
// the bench reports CPU ms per request per process, which stays meaningful when the shared machine is noisy.
import { loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { machineJiffies, PostgresCpuMeter, processCpuSeconds, processGroupCpuSeconds, statFields } from './resource-sampler.js';

export interface CpuSource {
  name: string;
  /** CPU seconds used so far; undefined when it cannot be read. */
  read: () => number | undefined;
}

export const cpuOfPid = (name: string, pid: number): CpuSource => ({ name, read: () => processCpuSeconds(String(pid)) });
/** A process group (npm and the node it runs). */
export const cpuOfGroup = (name: string, groupId: number): CpuSource => ({ name, read: () => processGroupCpuSeconds(groupId) });
/** An embedded PostgreSQL by its port: postmaster and backends, sampled every 250 ms (PostgresCpuMeter). */
export const cpuOfPostgres = (name: string, port: number): CpuSource => {
  const meter = new PostgresCpuMeter(String(port));
  return { name, read: () => meter.read() };
};
export const cpuOfThisProcess = (name: string): CpuSource => ({
  name,
  read: () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1e6;
  },
});

export interface CpuWindow {
  wallSeconds: number;
  /** CPU seconds per source over the window (undefined when unreadable). */
  seconds: Record<string, number | undefined>;
  /** Share of the machine's CPU busy over the window (every process, other sessions' included). */
  machineBusy: number | undefined;
  /**
   * Share of the machine's CPU its VM's host took for others over the window (steal): it counts as busy, and every
   * process then gets less done per CPU second, so CPU per request inflates. Runs with much of it compare badly.
   */
  machineStolen: number | undefined;
  /** 1-minute load average at the end of the window. */
  loadAverage: number;
}

/** Starts a window; the function it returns ends it. */
export function startCpuWindow(sources: readonly CpuSource[]): () => CpuWindow {
  const startedAt = performance.now();
  const before = sources.map((source) => source.read());
  const machine = machineJiffies();
  return () => {
    const after = sources.map((source) => source.read());
    const machineNow = machineJiffies();
    const seconds: Record<string, number | undefined> = {};
    sources.forEach((source, index) => {
      const from = before[index];
      const to = after[index];
      seconds[source.name] = from === undefined || to === undefined ? undefined : to - from;
    });
    return {
      wallSeconds: (performance.now() - startedAt) / 1000,
      seconds,
      machineBusy: machine && machineNow ? (machineNow.busy - machine.busy) / Math.max(1, machineNow.total - machine.total) : undefined,
      machineStolen: machine && machineNow ? (machineNow.stolen - machine.stolen) / Math.max(1, machineNow.total - machine.total) : undefined,
      loadAverage: loadavg()[0]!,
    };
  };
}

/** The pid in a process group whose command line contains `needle` (the node under npm), if any. */
export function pidInGroup(groupId: number, needle: string): number | undefined {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (statFields(pid)?.[2] !== String(groupId)) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) return Number(pid);
    } catch {
      /* gone */
    }
  }
  return undefined;
}

/** Resident set size of a process in bytes (VmRSS), from /proc. */
export function rssBytesOf(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Established TCP connections whose local port is `port` (a server's accepted sockets), from /proc/net/tcp{,6}. */
export function establishedConnections(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  let readable = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    readable = true;
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '01' && local?.endsWith(`:${hexPort}`)) count += 1;
    }
  }
  return readable ? count : undefined;
}
