// One command as its own OS process group, its output captured: how the production-shape tests run each service.
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '@alpes/database';
import { sleep } from '../waits.js';

const DEFAULT_DEADLINE_MS = 90_000;
const OUTPUT_LIMIT = 400_000;

/** Variables a child inherits from the test process; everything else (vitest's, npm's, *_DATABASE_URL…) stays out. */
const INHERITED = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TMPDIR', 'SHELL', 'JAVA_HOME'];

export function childEnvironment(variables: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(INHERITED.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
  const given = Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return { ...inherited, NO_COLOR: '1', APOLLO_TELEMETRY_DISABLED: 'true', ...given };
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when it exited. */
  at: number;
}

/** One command run as its own process group, its output captured. */
export class ManagedProcess {
  private child?: ChildProcess;
  private text = '';
  private exitPromise?: Promise<ProcessExit>;
  private exitInfo?: ProcessExit;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly command: string,
    readonly args: readonly string[],
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Spawns the command (again, after it exited); its output is appended to the same record. */
  start(): this {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.child?.pid})`);
    this.exitInfo = undefined;
    this.append(`\n[harness] $ ${this.command} ${this.args.join(' ')}\n`);
    // detached: a process group of its own (npm → tsx → node), so a SIGKILL fallback reaches every level.
    const child = spawn(this.command, [...this.args], { cwd: REPO_ROOT, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    live.add(this);
    child.stdout?.on('data', (chunk: Buffer) => this.append(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.append(chunk.toString()));
    this.exitPromise = new Promise<ProcessExit>((resolve) => {
      child.once('error', (error) => this.append(`[harness] spawn failed: ${error.message}\n`));
      child.once('close', (code, signal) => {
        this.exitInfo = { code, signal, at: Date.now() };
        this.append(`[harness] exited with ${code === null ? `signal ${signal}` : `code ${code}`}\n`);
        live.delete(this);
        resolve(this.exitInfo);
      });
    });
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  /** How the last run ended, once it has. */
  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  /** Resolves when the current run ends. */
  exited(): Promise<ProcessExit> {
    if (!this.exitPromise) throw new Error(`${this.name} was never started`);
    return this.exitPromise;
  }

  /** Everything the process printed (every run), bounded to the last ~400 kB. */
  output(): string {
    return this.text;
  }

  /** The end of the output, for failure messages. */
  describe(lines = 60): string {
    return `--- ${this.name} (${this.command} ${this.args.join(' ')}) ---\n${this.text.split('\n').slice(-lines).join('\n')}`;
  }

  /** Sends a signal to the process itself (npm, the top of the group), as `docker stop` or a supervisor does. */
  signal(signal: NodeJS.Signals): void {
    if (this.running && this.child?.pid) process.kill(this.child.pid, signal);
  }

  /** SIGKILL to the whole process group. */
  kill(): void {
    killGroup(this.child?.pid);
  }

  /** Resolves when the output contains text (or rejects when the process exits first / after timeoutMs). */
  waitForOutput(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const matches = () => (typeof text === 'string' ? this.text.includes(text) : text.test(this.text));
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (matches()) finish();
        else if (!this.running) finish(new Error(`${this.name} exited before printing ${String(text)}\n${this.describe()}`));
      };
      const finish = (error?: Error) => {
        this.listeners.delete(check);
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new Error(`${this.name} did not print ${String(text)} within ${timeoutMs} ms\n${this.describe()}`)), timeoutMs);
      this.listeners.add(check);
      void this.exitPromise?.then(check);
      check();
    });
  }

  /** Polls url until it answers 200; fails early, with the output, when the process exits. */
  async waitForReady(url: string, timeoutMs = DEFAULT_DEADLINE_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited before it was ready (${url})\n${this.describe()}`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { connection: 'close' } });
        last = `HTTP ${response.status} ${await response.text()}`;
        if (response.ok) return;
      } catch (error) {
        last = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      }
      await sleep(250);
    }
    throw new Error(`${this.name} not ready at ${url} within ${timeoutMs} ms (last: ${last})\n${this.describe()}`);
  }

  /** SIGTERM (graceful), then SIGKILL to the group after graceMs; resolves with how it ended. */
  async stop(graceMs = 30_000): Promise<ProcessExit | undefined> {
    if (!this.child) return undefined;
    if (this.running) {
      this.signal('SIGTERM');
      const exited = await Promise.race([this.exited(), sleep(graceMs).then(() => undefined)]);
      if (!exited) {
        this.append(`[harness] still running ${graceMs} ms after SIGTERM: SIGKILL\n`);
        this.kill();
      }
    }
    const exit = await this.exited();
    this.kill(); // anything the top process left behind in its group
    return exit;
  }

  private append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > OUTPUT_LIMIT) this.text = this.text.slice(-OUTPUT_LIMIT);
    this.listeners.forEach((listener) => listener());
  }
}

const live = new Set<ManagedProcess>();
// A test run that dies leaves no service behind.
process.once('exit', () => live.forEach((managed) => managed.kill()));

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Runs a command to completion (e.g. npm run db:migrate); rejects with its output when it fails. */
export async function runToCompletion(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<string> {
  const managed = new ManagedProcess(name, command, args, env).start();
  const exit = await Promise.race([managed.exited(), sleep(timeoutMs).then(() => undefined)]);
  if (!exit) {
    managed.kill();
    throw new Error(`${name} did not finish within ${timeoutMs} ms\n${managed.describe()}`);
  }
  if (exit.code !== 0) throw new Error(`${name} failed (exit ${exit.code ?? exit.signal})\n${managed.describe()}`);
  return managed.output();
}
