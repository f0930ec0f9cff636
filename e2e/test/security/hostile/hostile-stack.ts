// The stack the hostile suite attacks. The gateway runs as its own OS process, as in production (NODE_ENV=production,
// started like `npm run start -w gateway`), so its RSS is its own and its death is seen. The three subgraphs and their
// workers run in this process on fresh databases, on a memory bus that counts every published message.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBus } from '@alpes/messaging';
import { stackAuthOf } from '@alpes/security';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { ManagedProcess, childEnvironment, freePort } from '@alpes/testing';
import { PublishCountingBus } from './counting-bus.js';
import { RowCounter } from './row-counter.js';

/**
 * The rate limit is lifted for the suite's one client (its 500+ cases come from one IP in a couple of minutes);
 * rate limiting has tests of its own. Any other setting is the production default.
 */
export const SUITE_GATEWAY_ENVIRONMENT = {
  NODE_ENV: 'production',
  RATE_LIMIT_PER_SECOND: '1000000',
  RATE_LIMIT_BURST: '1000000',
} as const;

export interface HostileStack {
  /** The gateway process's /graphql. */
  gatewayUrl: string;
  gateway: ManagedProcess;
  /** The in-process stack (subgraphs, workers, databases); its own gateway is not attacked. */
  inner: TestStack;
  bus: PublishCountingBus;
  rows: RowCounter;
  admin: string;
  /** The gateway process's resident set size, in bytes. */
  gatewayRss(): number;
  /** The subgraphs' /health answer 200. */
  subgraphsAlive(): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startHostileStack(): Promise<HostileStack> {
  const authJwtSecret = randomBytes(36).toString('base64');
  const keyDir = mkdtempSync(join(tmpdir(), 'alpes-hostile-'));
  const auth = stackAuthOf({ AUTH_JWT_SECRET: authJwtSecret, AUTH_CLOCK_TOLERANCE_S: 1 }, keyDir);
  const bus = new PublishCountingBus(new MemoryBus());
  const inner = await startTestStack({ seed: { afiliados: 8, conversiones: 40 }, bus, auth });
  const port = await freePort();
  const gateway = new ManagedProcess(
    'gateway (NODE_ENV=production)',
    process.execPath,
    ['--import', 'tsx', 'gateway/src/main.ts'],
    childEnvironment({
      ...SUITE_GATEWAY_ENVIRONMENT,
      PORT: String(port),
      AFILIADOS_URL: inner.urls.afiliados,
      CONVERSIONES_URL: inner.urls.conversiones,
      MARKETING_URL: inner.urls.marketing,
      AUTH_JWT_SECRET: authJwtSecret,
      AUTH_CLOCK_TOLERANCE_S: '1',
      BUS: 'memory',
      LOG_LEVEL: 'warn',
    }),
  ).start();
  const stopAll = async () => {
    await gateway.stop(10_000).catch(() => gateway.kill());
    await rows?.close();
    await inner.stop();
    rmSync(keyDir, { recursive: true, force: true });
  };
  let rows: RowCounter | undefined;
  try {
    await gateway.waitForReady(`http://127.0.0.1:${port}/ready`);
    rows = await RowCounter.connect(inner.databaseUrls);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const counter = rows;
  return {
    gatewayUrl: `http://127.0.0.1:${port}/graphql`,
    gateway,
    inner,
    bus,
    rows: counter,
    admin: inner.admin,
    gatewayRss: () => residentSetSize(gateway.pid),
    async subgraphsAlive() {
      const answers = await Promise.all(
        Object.entries(inner.urls)
          .filter(([name]) => name !== 'gateway')
          .map(([, url]) =>
            fetch(url.replace(/\/graphql$/, '/health')).then(
              (response) => response.ok,
              () => false,
            ),
          ),
      );
      return answers.every(Boolean);
    },
    stop: stopAll,
  };
}

function residentSetSize(pid: number | undefined): number {
  if (!pid) throw new Error('the gateway process is not running');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kilobytes) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kilobytes) * 1024;
}
