import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** CPU seconds (user + system) a process used so far, from /proc/<pid>/stat; undefined without /proc. */
export function processCpuSeconds(pid: string | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** Fields after the command of /proc/<pid>/stat. */
export function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The postmaster started with `-p <port>`, if one runs. */
function postmasterOn(port: string): string | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  return pids.find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[0]?.endsWith('/postgres') && args.includes('-p') && args[args.indexOf('-p') + 1] === port;
    } catch {
      return false; // gone
    }
  });
}

/** A process's children (/proc/<pid>/task/<pid>/children); undefined when it is gone. */
function childrenOf(pid: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds an embedded PostgreSQL (postmaster and backends) used since this meter was made, never decreasing. Each
 * sample adds what every process used since it was last seen (a process first seen now: all it used, it started since),
 * read every 250 ms in the background: a backend that exits loses at most its last 250 ms. Not the postmaster's
 * cutime/cstime: summing them with the live backends' times went back by seconds when a pooled backend exited (a
 * window of bench:query printed PostgreSQL −3.73 ms per request).
 */
export class PostgresCpuMeter {
  readonly #seen = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  #postmaster: string | undefined;
  #seconds = 0;
  #found = false;

  constructor(private readonly port: string) {
    this.#sample(true);
    this.#timer = setInterval(() => this.#sample(false), 250).unref();
  }

  /** Stops the background sampling (read() still samples). */
  stop(): void {
    clearInterval(this.#timer);
  }

  /** CPU seconds since the meter was made; undefined while no such PostgreSQL was ever found. */
  read(): number | undefined {
    this.#sample(false);
    return this.#found ? this.#seconds : undefined;
  }

  #sample(baseline: boolean): void {
    let children = this.#postmaster ? childrenOf(this.#postmaster) : undefined;
    if (!children) {
      this.#postmaster = postmasterOn(this.port); // first sample, or PostgreSQL was restarted
      children = this.#postmaster ? childrenOf(this.#postmaster) : undefined;
    }
    if (!this.#postmaster || !children) return;
    this.#found = true;
    for (const pid of [this.#postmaster, ...children]) {
      const fields = statFields(pid);
      if (!fields) continue;
      const ticks = Number(fields[11]) + Number(fields[12]);
      const before = this.#seen.get(pid);
      if (!baseline) this.#seconds += (ticks - (before ?? 0)) / 100;
      this.#seen.set(pid, ticks);
    }
  }
}

/** Busy and total jiffies of the whole machine (/proc/stat). */
/** The machine's CPU time so far (every core): busy (steal included), stolen (by the VM's host), total. */
export function machineJiffies(): { busy: number; stolen: number; total: number } | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, stolen: cpu[7] ?? 0, total };
  } catch {
    return undefined;
  }
}

export interface Resources {
  /** This Node process (gateway, 3 subgraphs, workers, relays, bench client): CPU in cores, event-loop utilisation. */
  nodeCores: number;
  eventLoopUtilization: number;
  brokerCores: number | undefined;
  /** The stack's embedded PostgreSQL (all three databases). */
  postgresCores: number | undefined;
  /** Share of all the machine's cores busy (everything, other sessions' processes included). */
  machineBusy: number | undefined;
}

export function sampleResources(postgresPort: string): () => Resources {
  const started = performance.now();
  const postgresMeter = new PostgresCpuMeter(postgresPort);
  const postgres = postgresMeter.read();
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const pid = brokerPid();
  const broker = processCpuSeconds(pid);
  const machine = machineJiffies();
  return () => {
    const wallSeconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const brokerNow = processCpuSeconds(pid);
    const machineNow = machineJiffies();
    const postgresNow = postgresMeter.read();
    postgresMeter.stop();
    return {
      nodeCores: (used.user + used.system) / 1e6 / wallSeconds,
      eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
      brokerCores: broker === undefined || brokerNow === undefined ? undefined : (brokerNow - broker) / wallSeconds,
      postgresCores: postgres === undefined || postgresNow === undefined ? undefined : (postgresNow - postgres) / wallSeconds,
      machineBusy: machine && machineNow ? (machineNow.busy - machine.busy) / Math.max(1, machineNow.total - machine.total) : undefined,
    };
  };
}

/** The broker's pid from pulsar/data/broker.pid (written by npm run pulsar:start). */
export function brokerPid(): string | undefined {
  try {
    const pid = readFileSync(fileURLToPath(new URL('../../pulsar/data/broker.pid', import.meta.url)), 'utf8').trim();
    if (pid) return pid;
  } catch {
    /* a broker started from another clone (a git worktree beside the main checkout): found by its command line */
  }
  return standaloneBrokerPid();
}

/** The pid of a running `pulsar standalone` (the JVM whose main class is PulsarStandaloneStarter), if any. */
function standaloneBrokerPid(): string | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  return pids.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('org.apache.pulsar.PulsarStandaloneStarter');
    } catch {
      return false;
    }
  });
}

/** Seconds since the broker process started (/proc: its start time in clock ticks after boot), if known. */
export function brokerUptimeSeconds(): number | undefined {
  const pid = brokerPid();
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]); // starttime, as processCpuSeconds reads
    const bootSeconds = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    const seconds = bootSeconds - startTicks / 100; // clock ticks (USER_HZ = 100)
    return Number.isFinite(seconds) ? seconds : undefined;
  } catch {
    return undefined;
  }
}

/** The broker's resident memory, for printing: "<n> MiB (pid <pid>)", or why it is unknown. */
export function brokerRss(): string {
  const pid = brokerPid();
  if (!pid) return 'unknown (no pulsar/data/broker.pid)';
  try {
    const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', pid], { encoding: 'utf8' }).trim());
    return `${(kib / 1024).toFixed(0)} MiB (pid ${pid})`;
  } catch {
    return `unknown (ps -p ${pid} failed)`;
  }
}

/** CPU seconds of every live process in a process group (a service started as its own group: npm and its node). */
export function processGroupCpuSeconds(groupId: number | undefined): number | undefined {
  if (!groupId) return undefined;
  let ticks = 0;
  let found = false;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const fields = statFields(pid);
    if (fields?.[2] !== String(groupId)) continue;
    found = true;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return found ? ticks / 100 : undefined;
}

/** CPU seconds of the machine's PostgreSQL server: every `postgres` process, with the reaped backends' time. */
export function postgresServerCpuSeconds(): number | undefined {
  let ticks = 0;
  let found = false;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (command !== 'postgres') continue;
    const fields = statFields(pid);
    if (!fields) continue;
    found = true;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return found ? ticks / 100 : undefined;
}
