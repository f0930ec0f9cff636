#!/usr/bin/env node
// Starts a real Apache Pulsar standalone broker (broker + 1 bookie + RocksDB metadata,
// one JVM) without Docker: `npm run pulsar:start`. Stop it with `npm run pulsar:stop`.
//
// The broker's jars come from Maven Central through pulsar/pom.xml (classpath cached in
// pulsar/.cache/, re-resolved when pom.xml changes). Data: pulsar/data/, log:
// pulsar/logs/standalone.log. The broker keeps running after this script exits.
//
// Environment:
//   PULSAR_START_TIMEOUT  seconds to wait for readiness once the JVM started (default 180)
//   PULSAR_WIPE_DATA=1    start from empty data (--wipe-data)
//   PULSAR_MEM            JVM memory flags (default "-Xms256m -Xmx512m -XX:MaxDirectMemorySize=512m")
//   PULSAR_EXTRA_OPTS     extra JVM flags
//   PULSAR_LOG_LEVEL      log4j level of the broker log (default info)
//   JAVA_HOME             Java 17+ to use (default: `java` on PATH)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  BOOKIE_PORT,
  BROKER_PORT,
  CACHE_DIR,
  CLASSPATH_FILE,
  CLASSPATH_HASH_FILE,
  CONF,
  DATA_DIR,
  HEALTH_URL,
  HTTP_PORT,
  LOG4J_CONF,
  LOG_DIR,
  LOG_FILE,
  MAIN_CLASS,
  PID_FILE,
  POM,
  PULSAR_DIR,
  findBrokerPids,
  isAlive,
  isHealthy,
  isOurBroker,
  log,
  readPidFile,
  rel,
  removePidFile,
  sha256File,
  sleep,
  tailLog,
  warn,
  wsProduceOnce,
} from './lib.mjs';
import { startPhase } from '../lib/progress.mjs';
import { onPath } from '../prerequisites/system-packages.mjs';
import { dockerHint, findJava, portOpen } from './host.mjs';

const PROBE_TOPIC = 'pulsar-start-probe';
const PURGE_TOOL = path.join(PULSAR_DIR, 'tools', 'PurgeEphemeralMetadata.java');
const timeoutSec = Number(process.env.PULSAR_START_TIMEOUT || 180);
const t0 = Date.now();
const elapsed = (from = t0) => `${((Date.now() - from) / 1000).toFixed(1)} s`;

function fail(message, details) {
  warn(`ERROR: ${message}`);
  if (details) console.error(details);
  process.exit(1);
}

/** Runs a command without blocking the event loop (the progress line keeps ticking); resolves with its output. */
function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ status: null, error, stdout, stderr }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Returns the cached classpath, resolving it with Maven when missing or stale. */
async function classpath() {
  const pomHash = sha256File(POM);
  if (fs.existsSync(CLASSPATH_FILE) && fs.existsSync(CLASSPATH_HASH_FILE)) {
    const cachedHash = fs.readFileSync(CLASSPATH_HASH_FILE, 'utf8').trim();
    const cp = fs.readFileSync(CLASSPATH_FILE, 'utf8').trim();
    const jars = cp.split(path.delimiter).filter(Boolean);
    if (cachedHash === pomHash && jars.length > 0 && jars.every((j) => fs.existsSync(j))) return cp;
    log(cachedHash === pomHash ? 'cached classpath refers to missing jars; resolving again' : 'pulsar/pom.xml changed; resolving the classpath again');
  }
  const mvn = onPath('mvn');
  if (!mvn) fail('mvn (Apache Maven 3.6+) not found on PATH; it is needed once to download the broker jars. Install it (e.g. apt-get install maven).');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${CLASSPATH_FILE}.tmp`;
  const resolving = startPhase('[pulsar]', 'resolving the broker with Maven (the first run downloads ~200 MB into ~/.m2)');
  const res = await run(mvn, ['-B', '-q', '-Dstyle.color=never', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${tmp}`], {
    cwd: PULSAR_DIR,
  });
  if (res.status !== 0 || !fs.existsSync(tmp)) {
    resolving.failed();
    // eslint-disable-next-line no-control-regex -- strip Maven's ANSI colours
    const out = `${res.stdout || ''}${res.stderr || ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-30).join('\n');
    fail(`Maven could not resolve the broker classpath (mvn exit ${res.status ?? res.error?.code})`, out);
  }
  const cp = fs.readFileSync(tmp, 'utf8').trim();
  if (!cp.includes(`${path.sep}pulsar-broker-`)) fail(`resolved classpath has no pulsar-broker jar (see ${rel(tmp)})`);
  fs.renameSync(tmp, CLASSPATH_FILE);
  fs.writeFileSync(CLASSPATH_HASH_FILE, `${pomHash}\n`);
  resolving.done(`${cp.split(path.delimiter).length} jars, classpath in ${rel(CLASSPATH_FILE)}`);
  return cp;
}

function jvmArgs(cp) {
  const mem = (process.env.PULSAR_MEM || '-Xms256m -Xmx512m -XX:MaxDirectMemorySize=512m').split(/\s+/).filter(Boolean);
  const extra = (process.env.PULSAR_EXTRA_OPTS || '').split(/\s+/).filter(Boolean);
  return [
    ...mem,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=10',
    '-XX:+ParallelRefProcEnabled',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:+PerfDisableSharedMem',
    // what bin/pulsar passes on Java 9+
    '--add-opens', 'java.base/java.lang=ALL-UNNAMED',
    '--add-opens', 'java.base/sun.net=ALL-UNNAMED',
    '--add-opens', 'java.base/java.io=ALL-UNNAMED',
    '--add-opens', 'java.base/java.util.zip=ALL-UNNAMED',
    '--add-opens', 'java.base/java.nio=ALL-UNNAMED',
    '--add-opens', 'java.base/jdk.internal.misc=ALL-UNNAMED',
    '--add-opens', 'java.management/sun.management=ALL-UNNAMED',
    '-Djava.net.preferIPv4Stack=true',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djute.maxbuffer=10485760',
    '-Dzookeeper.4lw.commands.whitelist=*',
    '-Dzookeeper.snapshot.trust.empty=true',
    `-Dlog4j.configurationFile=${LOG4J_CONF}`,
    '-Dlog4j.shutdownHookEnabled=false',
    '-Dlog4j2.is.webapp=false',
    `-Dpulsar.log.dir=${LOG_DIR}`,
    `-Dpulsar.log.file=${path.basename(LOG_FILE)}`,
    `-Dpulsar.log.level=${process.env.PULSAR_LOG_LEVEL || 'info'}`,
    '-Dbookkeeper.metadata.bookie.drivers=org.apache.pulsar.metadata.bookkeeper.PulsarMetadataBookieDriver',
    '-Dbookkeeper.metadata.client.drivers=org.apache.pulsar.metadata.bookkeeper.PulsarMetadataClientDriver',
    ...extra,
    '-cp', cp,
    MAIN_CLASS,
    '--config', CONF,
    '-nfw',
    '-nss',
    '--metadata-dir', path.join(DATA_DIR, 'metadata'),
    '--bookkeeper-dir', path.join(DATA_DIR, 'bookkeeper'),
    '--bookkeeper-port', String(BOOKIE_PORT),
    '--zookeeper-dir', path.join(DATA_DIR, 'zookeeper'),
    ...(process.env.PULSAR_WIPE_DATA === '1' ? ['--wipe-data'] : []),
  ];
}

/**
 * Removes ephemeral metadata nodes left by a broker that was not stopped cleanly
 * (SIGKILL, crash). With RocksDB metadata they survive the process, and Pulsar 3.3.2's
 * bookie registration lock then loops forever on restart (see pulsar/tools/PurgeEphemeralMetadata.java).
 */
function purgeStaleMetadata(java, cp) {
  const metadataDir = path.join(DATA_DIR, 'metadata');
  if (!fs.existsSync(path.join(metadataDir, 'CURRENT'))) return;
  const res = spawnSync(
    java,
    ['-Xmx64m', `-Dpulsar.log.dir=${LOG_DIR}`, '-cp', cp, PURGE_TOOL, metadataDir],
    { encoding: 'utf8', cwd: PULSAR_DIR, timeout: 120000 },
  );
  const out = `${res.stdout || ''}${res.stderr || ''}`.trim();
  if (res.status !== 0) {
    warn(`warning: could not purge stale metadata (${res.error?.message || `exit ${res.status}`}); continuing`);
    if (out) console.error(out.split('\n').slice(-10).join('\n'));
    return;
  }
  const n = Number((out.match(/purged (\d+) stale/) || [])[1] || 0);
  if (n > 0) log(`purged ${n} stale ephemeral metadata node(s) left by the previous broker`);
}

/**
 * Waits for health 200 + a WebSocket produce receipt. `exited()` tells when the JVM died. The budget counts from the
 * JVM's start: a first run's Maven download (minutes on a slow mirror) must not use it up.
 */
async function waitReady(pid, exited) {
  const deadline = Date.now() + timeoutSec * 1000;
  const health = startPhase('[pulsar]', 'waiting for the broker\'s health check');
  let probe = null;
  let lastError = '';
  const failed = (reason) => {
    (probe ?? health).failed();
    return { ok: false, reason };
  };
  while (Date.now() < deadline) {
    const why = exited();
    if (why) return failed(why);
    if (!isAlive(pid)) return failed(`broker process ${pid} is gone`);
    if (await isHealthy()) {
      if (!probe) {
        health.done();
        probe = startPhase('[pulsar]', 'probing the WebSocket API (produce one message)');
      }
      try {
        const receipt = await wsProduceOnce(PROBE_TOPIC, { timeoutMs: 15000 });
        probe.done();
        return { ok: true, receipt };
      } catch (err) {
        lastError = err.message;
      }
    }
    await sleep(1000);
  }
  return failed(`not ready within ${timeoutSec} s${lastError ? ` (last WebSocket error: ${lastError})` : ''}`);
}

async function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  for (let i = 0; i < 40 && isAlive(pid); i++) await sleep(250);
  if (isAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function printReady(pid, receipt) {
  log(`broker ready in ${elapsed()} (pid ${pid}); WebSocket probe messageId ${receipt.messageId}`);
  log(`pulsar://localhost:${BROKER_PORT}  http://localhost:${HTTP_PORT}  ws://localhost:${HTTP_PORT}/ws/v2/`);
  log(`log: ${rel(LOG_FILE)}   stop: npm run pulsar:stop`);
}

async function main() {
  const { java, major } = findJava();
  dockerHint();

  // Clean up after a previous broker that was killed (SIGKILL, reboot): stale pid file.
  const filePid = readPidFile();
  if (filePid && !(isAlive(filePid) && isOurBroker(filePid))) {
    removePidFile();
    log(`removed stale pid file (pid ${filePid} is not a running broker)`);
  }

  const running = findBrokerPids();
  if (await isHealthy()) {
    if (running.length) {
      fs.writeFileSync(PID_FILE, `${running[0]}\n`);
      log(`broker already running (pid ${running[0]}, health OK on :${HTTP_PORT}); nothing to do.`);
    } else {
      log(`a Pulsar broker (not started by this script) already answers ${HEALTH_URL}; nothing to do.`);
    }
    return;
  }
  if (running.length) {
    // Our broker is alive but not healthy yet: it is still starting (or hung).
    const pid = running[0];
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(PID_FILE, `${pid}\n`);
    log(`broker process ${pid} is already running but not ready; waiting for it ...`);
    const res = await waitReady(pid, () => null);
    if (!res.ok) fail(`${res.reason}. Inspect ${rel(LOG_FILE)} or run: npm run pulsar:stop`, tailLog());
    printReady(pid, res.receipt);
    return;
  }

  for (const [port, what] of [
    [HTTP_PORT, 'HTTP/WebSocket'],
    [BROKER_PORT, 'broker'],
    [BOOKIE_PORT, 'bookie'],
  ]) {
    if (await portOpen(port)) fail(`port ${port} (${what}) is already in use by another process; free it first.`);
  }

  const cp = await classpath();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.mkdirSync(LOG_DIR, { recursive: true });
  if (process.env.PULSAR_WIPE_DATA !== '1') purgeStaleMetadata(java, cp);
  if (fs.existsSync(LOG_FILE)) fs.renameSync(LOG_FILE, `${LOG_FILE}.1`);
  if (process.env.PULSAR_WIPE_DATA === '1') log('PULSAR_WIPE_DATA=1: starting from empty data');

  const out = fs.openSync(LOG_FILE, 'a');
  const child = spawn(java, jvmArgs(cp), {
    cwd: PULSAR_DIR,
    detached: true, // own session and process group: survives this script, stop.mjs kills the group
    stdio: ['ignore', out, out],
    env: { ...process.env },
  });
  fs.closeSync(out);
  let exitReason = null;
  child.on('error', (err) => (exitReason = `could not start ${java}: ${err.message}`));
  child.on('exit', (code, signal) => (exitReason = `broker exited during startup (${signal ? `signal ${signal}` : `code ${code}`})`));
  if (!child.pid) await sleep(100);
  if (!child.pid) fail(exitReason || `could not start ${java}`);
  fs.writeFileSync(PID_FILE, `${child.pid}\n`);
  log(`started the Pulsar standalone JVM after ${elapsed()} (Java ${major}, pid ${child.pid}, log ${rel(LOG_FILE)})`);

  const res = await waitReady(child.pid, () => exitReason);
  if (!res.ok) {
    if (!exitReason) await killGroup(child.pid);
    removePidFile();
    fail(`${res.reason}; last log lines of ${rel(LOG_FILE)}:`, tailLog());
  }
  child.unref();
  printReady(child.pid, res.receipt);
}

main().then(
  () => process.exit(0),
  (err) => fail(err.stack || String(err)),
);
