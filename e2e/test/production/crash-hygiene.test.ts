// Crash hygiene (issue 10, item 8): a real `npm start` on a temporary DATA_DIR and free ports. The Node process that
// started the embedded PostgreSQL is killed with SIGKILL (what the OOM killer does): its watchdog stops PostgreSQL
// within seconds, and the next `npm start` on the same data works.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManagedProcess, childEnvironment, freePort } from '@alpes/testing';

const dataDir = mkdtempSync(join(tmpdir(), 'alpes-crash-'));
chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when tests run as root
let npmStart: ManagedProcess | undefined;

afterAll(async () => {
  await npmStart?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);

describe('npm start killed with SIGKILL', () => {
  it('takes its embedded PostgreSQL with it within seconds, and the next npm start works', async () => {
    const ports = {
      PORT: await freePort(),
      AFILIADOS_PORT: await freePort(),
      CONVERSIONES_PORT: await freePort(),
      MARKETING_PORT: await freePort(),
      EMBEDDED_POSTGRES_PORT: await freePort(),
    };
    const env = childEnvironment({
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'false',
      PLAYGROUND: 'false',
    });
    const ready = `http://127.0.0.1:${ports.PORT}/ready`;

    npmStart = new ManagedProcess('npm start', 'npm', ['start'], env).start();
    await npmStart.waitForReady(ready, 120_000);
    const postgresPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const host = parentOf(postgresPid); // the Node process that runs start-all.ts (under npm → tsx)
    expect(alive(postgresPid)).toBe(true);
    expect(readFileSync(`/proc/${host}/cmdline`, 'utf8')).toMatch(/start-all/);

    process.kill(host, 'SIGKILL');
    const killedAt = Date.now();
    while (alive(postgresPid) && Date.now() - killedAt < 15_000) await new Promise((resolve) => setTimeout(resolve, 100));
    const goneAfterMs = Date.now() - killedAt;
    expect(alive(postgresPid)).toBe(false);
    expect(goneAfterMs).toBeLessThan(5_000);
    console.log(`embedded PostgreSQL gone ${goneAfterMs} ms after SIGKILL of its npm start`);
    await npmStart.exited();

    npmStart = new ManagedProcess('npm start again', 'npm', ['start'], env).start();
    await npmStart.waitForReady(ready, 120_000);
    const answer = await fetch(`http://127.0.0.1:${ports.PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    const secondPostgres = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(secondPostgres).not.toBe(postgresPid);
    await npmStart.stop();
    expect(alive(secondPostgres)).toBe(false);
  }, 300_000);
});
