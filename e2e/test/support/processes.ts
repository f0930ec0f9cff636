// The production shape in tests: every service in its own OS process, started the way the README documents
// (`npm run start -w subgraphs/<name>`, `npm run start -w gateway`), on fresh databases of the machine's PostgreSQL
// and a real Apache Pulsar broker. Each process's output is kept for failure messages; everything is stopped and
// removed afterwards (SIGTERM, then SIGKILL to the process group).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  REPO_ROOT,
  SERVICE_DATABASES,
  createDatabaseIfMissing,
  databaseUrlEnvName,
  dropDatabaseIfExists,
  randomDatabaseName,
  withDatabase,
  withServerClient,
  type ServiceName,
} from '@alpes/database';
import { freePort } from '@alpes/testing';

/** The PostgreSQL server the databases are created on (TEST_POSTGRES_URL, default the machine's on 5432). */
export const POSTGRES_SERVER_URL = process.env.TEST_POSTGRES_URL?.trim() || 'postgresql://postgres@127.0.0.1:5432/postgres';
export const PULSAR_WEB_URL = process.env.PULSAR_WEB_URL?.trim() || 'http://localhost:8080';
export const PULSAR_SERVICE_URL = process.env.PULSAR_SERVICE_URL?.trim() || 'pulsar://localhost:6650';

export type ProcessName = ServiceName | 'gateway';
export type DatabaseUrls = Record<ServiceName, string>;

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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

// ---------- databases ----------

export interface FreshDatabases {
  urls: DatabaseUrls;
  drop(): Promise<void>;
}

/** Three new, empty databases with random names on the server (nothing migrated); drop() removes them. */
export async function createFreshDatabases(serverUrl = POSTGRES_SERVER_URL, prefix = 'e2e'): Promise<FreshDatabases> {
  const urls = Object.fromEntries(SERVICE_DATABASES.map((service) => [service, withDatabase(serverUrl, randomDatabaseName(`${prefix}_${service}`))])) as DatabaseUrls;
  const names = Object.values(urls).map((url) => decodeURIComponent(new URL(url).pathname.slice(1)));
  await withServerClient(serverUrl, async (client) => {
    for (const name of names) await createDatabaseIfMissing(client, name);
  });
  return {
    urls,
    drop: () =>
      withServerClient(serverUrl, async (client) => {
        for (const name of names) await dropDatabaseIfExists(client, name);
      }),
  };
}

export function databaseEnvironment(urls: DatabaseUrls): Record<string, string> {
  return Object.fromEntries(SERVICE_DATABASES.map((service) => [databaseUrlEnvName(service), urls[service]]));
}

/** `npm run db:migrate` with the three *_DATABASE_URL set, as the README says. */
export function migrateWithNpm(urls: DatabaseUrls): Promise<string> {
  return runToCompletion('db:migrate', 'npm', ['run', 'db:migrate'], childEnvironment(databaseEnvironment(urls)));
}

// ---------- Pulsar ----------

/** Throws unless the broker's health endpoint answers (npm run pulsar:start). */
export async function assertBrokerReachable(webUrl = PULSAR_WEB_URL): Promise<void> {
  try {
    const response = await fetch(`${webUrl}/admin/v2/brokers/health`, { signal: AbortSignal.timeout(10_000) });
    if (response.ok) return;
    throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(`Pulsar broker not reachable at ${webUrl} (${error instanceof Error ? error.message : error}): start it with npm run pulsar:start`);
  }
}

/**
 * A namespace of its own (public/<name>) for one stack: its durable subscriptions (marketing-campanas…) and topics
 * are shared with no other test or engineer using the same broker.
 */
export async function createPulsarNamespace(webUrl = PULSAR_WEB_URL): Promise<{ namespace: string; remove(): Promise<void> }> {
  const namespace = `e2e-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const base = `${webUrl}/admin/v2`;
  const created = await fetch(`${base}/namespaces/public/${namespace}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`cannot create Pulsar namespace public/${namespace}: HTTP ${created.status} ${await created.text()}`);
  return {
    namespace,
    async remove() {
      // The broker refuses to force-delete a namespace (forceDeleteNamespaceAllowed=false): its topics first.
      try {
        const topics = (await (await fetch(`${base}/namespaces/public/${namespace}/topics`)).json()) as string[];
        for (const topic of topics) {
          const path = topic.replace('://', '/');
          await fetch(`${base}/${path}?force=true`, { method: 'DELETE' });
        }
        const removed = await fetch(`${base}/namespaces/public/${namespace}`, { method: 'DELETE' });
        if (!removed.ok) console.warn(`Pulsar namespace public/${namespace} left behind: HTTP ${removed.status} ${await removed.text()}`);
      } catch (error) {
        console.warn(`Pulsar namespace public/${namespace} left behind: ${error instanceof Error ? error.message : error}`);
      }
    },
  };
}

// ---------- the stack ----------

export interface ProcessStackOptions {
  /** 'db:migrate' runs `npm run db:migrate` first; 'on-start' sets MIGRATE_ON_START=true on each subgraph. Default 'db:migrate'. */
  migrate?: 'db:migrate' | 'on-start';
  /** Extra environment per process (e.g. SHUTDOWN_TIMEOUT_MS). */
  env?: Partial<Record<ProcessName | 'all', Record<string, string>>>;
  /** LOG_LEVEL of every process (default info: the output is only shown when something fails). */
  logLevel?: string;
}

export interface ProcessStack {
  gatewayUrl: string;
  urls: Record<ProcessName, string>;
  ports: Record<ProcessName, number>;
  databases: DatabaseUrls;
  pulsarNamespace: string;
  processes: Record<ProcessName, ManagedProcess>;
  /** Starts a stopped process again (same port, same environment) and waits until it is ready. */
  restart(name: ProcessName): Promise<void>;
  /** The last lines of every process's output. */
  describe(lines?: number): string;
  /** Stops every process (SIGTERM, SIGKILL fallback), drops the databases, removes the Pulsar namespace. */
  stop(): Promise<void>;
}

const SUBGRAPHS: readonly ServiceName[] = SERVICE_DATABASES;

/**
 * Fresh databases, a Pulsar namespace of its own, each subgraph as `npm run start -w subgraphs/<name>` on a free port
 * (PORT, <SERVICE>_DATABASE_URL, BUS=pulsar, PULSAR_*), then `npm run start -w gateway` (AFILIADOS_URL…), ready when
 * the gateway's /ready answers 200.
 */
export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  await assertBrokerReachable();
  const cleanups: (() => Promise<void>)[] = [];
  const processes = {} as Record<ProcessName, ManagedProcess>;
  const stopAll = async () => {
    await Promise.all(Object.values(processes).map((managed) => managed.stop().catch(() => managed.kill())));
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn('cleanup failed:', error));
    cleanups.length = 0;
  };
  try {
    const databases = await createFreshDatabases();
    cleanups.push(databases.drop);
    const pulsar = await createPulsarNamespace();
    cleanups.push(pulsar.remove);
    if ((options.migrate ?? 'db:migrate') === 'db:migrate') await migrateWithNpm(databases.urls);

    const ports = {
      afiliados: await freePort(),
      conversiones: await freePort(),
      marketing: await freePort(),
      gateway: await freePort(),
    } satisfies Record<ProcessName, number>;
    const urls = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, `http://localhost:${port}/graphql`])) as Record<ProcessName, string>;
    const common = {
      BUS: 'pulsar',
      PULSAR_WEB_URL,
      PULSAR_SERVICE_URL,
      PULSAR_TENANT: 'public',
      PULSAR_NAMESPACE: pulsar.namespace,
      LOG_LEVEL: options.logLevel ?? 'info',
      ...options.env?.all,
    };
    for (const service of SUBGRAPHS) {
      processes[service] = new ManagedProcess(
        service,
        'npm',
        ['run', 'start', '-w', `subgraphs/${service}`],
        childEnvironment({
          ...common,
          PORT: String(ports[service]),
          [databaseUrlEnvName(service)]: databases.urls[service],
          ...(options.migrate === 'on-start' ? { MIGRATE_ON_START: 'true' } : {}),
          ...options.env?.[service],
        }),
      );
    }
    processes.gateway = new ManagedProcess(
      'gateway',
      'npm',
      ['run', 'start', '-w', 'gateway'],
      childEnvironment({
        ...common,
        PORT: String(ports.gateway),
        AFILIADOS_URL: urls.afiliados,
        CONVERSIONES_URL: urls.conversiones,
        MARKETING_URL: urls.marketing,
        ...options.env?.gateway,
      }),
    );
    const readyUrl = (name: ProcessName) => `http://127.0.0.1:${ports[name]}/ready`;

    for (const service of SUBGRAPHS) processes[service].start();
    await Promise.all(SUBGRAPHS.map((service) => processes[service].waitForReady(readyUrl(service))));
    processes.gateway.start();
    await processes.gateway.waitForReady(readyUrl('gateway'));

    const stack: ProcessStack = {
      gatewayUrl: urls.gateway,
      urls,
      ports,
      databases: databases.urls,
      pulsarNamespace: pulsar.namespace,
      processes,
      async restart(name) {
        const managed = processes[name];
        if (managed.running) throw new Error(`${name} is still running`);
        managed.start();
        await managed.waitForReady(readyUrl(name));
      },
      describe: (lines) => Object.values(processes).map((managed) => managed.describe(lines)).join('\n'),
      stop: stopAll,
    };
    return stack;
  } catch (error) {
    const outputs = Object.values(processes).map((managed) => managed.describe()).join('\n');
    await stopAll();
    if (error instanceof Error && outputs && !error.message.includes('---')) error.message += `\n${outputs}`;
    throw error;
  }
}
