/**
 * A second instance of the marketing service as its OWN OS process: subgraphs/marketing/src/main.ts, exactly what
 * `npm run start -w subgraphs/marketing` runs, with BUS=pulsar. Killing it with SIGKILL is a real crash: its
 * broker sockets and database connections die with it, nothing runs a shutdown hook.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@alpes/testing';
import { PULSAR, sleep } from './pulsar.js';
import { PULSAR_CLIENT_UNDER_TEST } from './pulsar-client.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface MarketingProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote (for failure messages). */
  output(): string;
  /** SIGKILL; resolves with the signal that ended it. */
  kill(): Promise<NodeJS.Signals | null>;
}

/**
 * Starts the process on `databaseUrl` (already migrated) and waits until its /ready answers 200 (database and bus
 * reachable; its workers subscribed before the server listens). `applicationName` tags its PostgreSQL sessions
 * (PGAPPNAME, read by pg), so a test can see in pg_stat_activity which transactions are this process's.
 */
export async function startMarketingProcess(
  databaseUrl: string,
  applicationName: string,
  /** The SUBGRAPH_IDENTITY_SECRET of the gateway it serves (the test stack's), so that gateway's calls are accepted. */
  subgraphIdentitySecret: string,
  /** Further environment variables of the process (they win over the ones above). */
  environment: NodeJS.ProcessEnv = {},
): Promise<MarketingProcess> {
  const port = await freePort();
  let output = '';
  // one process (node --import tsx), not the tsx CLI, which would run the service in a grandchild SIGKILL misses
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/marketing/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MARKETING_DATABASE_URL: databaseUrl,
      BUS: 'pulsar',
      PULSAR_CLIENT: PULSAR_CLIENT_UNDER_TEST,
      PULSAR_WEB_URL: PULSAR.webUrl,
      PULSAR_SERVICE_URL: PULSAR.serviceUrl,
      PGAPPNAME: applicationName,
      SUBGRAPH_IDENTITY_SECRET: subgraphIdentitySecret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the marketing process exited during start-up:\n${output}`);
    const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the marketing process was not ready within 60 s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    child,
    url,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
