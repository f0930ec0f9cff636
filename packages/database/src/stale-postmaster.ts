// A previous run that was SIGKILLed leaves its postgres running (orphaned) and its
// postmaster.pid in the data directory, and the next start fails. Clear that up first.
import { readFile, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isPostgresProcess, isProcessAlive, processCommandLine, waitForProcessExit } from './postgres-process.js';

export const POSTMASTER_PID_FILE = 'postmaster.pid';

/**
 * If dataDir has a postmaster.pid: when its process is alive and is a postgres serving dataDir,
 * shut it down (fast shutdown, then harder if it does not stop) and wait; otherwise remove the
 * stale file. Returns what was done.
 */
export async function clearStalePostmaster(dataDir: string, log: (line: string) => void): Promise<'none' | 'stopped' | 'removed'> {
  const pidFile = join(dataDir, POSTMASTER_PID_FILE);
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return 'none';

  const [pidLine, dataDirLine] = content.split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await servesDataDir(pid, dataDir, dataDirLine))) {
    log(`embedded postgres: stopping the server left running by a previous run (pid ${pid})`);
    await stopPostmaster(pid);
    await rm(pidFile, { force: true }); // postgres removes it on a clean stop; not after SIGKILL
    return 'stopped';
  }
  log(`embedded postgres: removing stale ${POSTMASTER_PID_FILE} (pid ${pidLine} is not running)`);
  await rm(pidFile, { force: true });
  return 'removed';
}

async function servesDataDir(pid: number, dataDir: string, dataDirLine: string | undefined): Promise<boolean> {
  if (!(await isProcessAlive(pid)) || !(await isPostgresProcess(pid))) return false;
  const ours = await realpath(dataDir);
  const recorded = dataDirLine ? await realpath(dataDirLine).catch(() => dataDirLine) : undefined;
  const args = (await processCommandLine(pid)) ?? [];
  const argDir = args[args.indexOf('-D') + 1];
  const running = argDir && args.includes('-D') ? await realpath(argDir).catch(() => argDir) : recorded;
  return running === ours;
}

/** SIGINT = fast shutdown; SIGQUIT = immediate shutdown; SIGKILL as the last resort. */
export async function stopPostmaster(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 10_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
      throw error;
    }
    if (await waitForProcessExit(pid, waitMs)) return;
  }
  throw new Error(`postgres (pid ${pid}) did not stop`);
}
