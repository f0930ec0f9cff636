#!/usr/bin/env node
// Stops the standalone broker started by scripts/pulsar/start.mjs: `npm run pulsar:stop`.
// SIGTERM to the broker's process group (graceful: closes topics and ledgers), then
// SIGKILL after PULSAR_STOP_TIMEOUT seconds (default 30). Idempotent: exits 0 when
// nothing runs.
import { findBrokerPids, isAlive, isOurBroker, log, readPidFile, removePidFile, sleep, warn } from './lib.mjs';

const timeoutSec = Number(process.env.PULSAR_STOP_TIMEOUT || 30);

function signalGroup(pid, sig) {
  try {
    process.kill(-pid, sig); // start.mjs makes the JVM a process-group leader
    return;
  } catch {
    /* not a group leader (adopted process): signal the process itself */
  }
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

async function waitGone(pid, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!isAlive(pid)) return true;
    await sleep(250);
  }
  return !isAlive(pid);
}

async function stop(pid) {
  const t0 = Date.now();
  log(`stopping broker (pid ${pid}) ...`);
  signalGroup(pid, 'SIGTERM');
  if (await waitGone(pid, timeoutSec * 1000)) {
    log(`stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return true;
  }
  warn(`still running after ${timeoutSec} s; sending SIGKILL`);
  signalGroup(pid, 'SIGKILL');
  if (await waitGone(pid, 10000)) {
    log(`killed after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return true;
  }
  warn(`ERROR: pid ${pid} survived SIGKILL`);
  return false;
}

async function main() {
  const pids = new Set();
  const filePid = readPidFile();
  if (filePid) {
    if (isAlive(filePid) && isOurBroker(filePid)) pids.add(filePid);
    else log(`removing stale pid file (pid ${filePid} is not a running broker)`);
  }
  for (const pid of findBrokerPids()) pids.add(pid); // also brokers whose pid file was lost
  if (pids.size === 0) {
    removePidFile();
    log('no broker running');
    return 0;
  }
  let ok = true;
  for (const pid of pids) ok = (await stop(pid)) && ok;
  removePidFile();
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    warn(`ERROR: ${err.stack || err}`);
    process.exit(1);
  },
);
