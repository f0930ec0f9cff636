// What the host offers the broker: a Java 17+, a Docker engine (a hint only), ports already taken.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { onPath } from '../prerequisites/system-packages.mjs';
import { log, warn } from './lib.mjs';

function fail(message, details) {
  warn(`ERROR: ${message}`);
  if (details) console.error(details);
  process.exit(1);
}

/** The java to run the broker with (JAVA_HOME, else PATH), version 17 or newer; exits with the fix otherwise. */
export function findJava() {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : onPath('java');
  if (!java || !fs.existsSync(java)) {
    fail(
      process.env.JAVA_HOME
        ? `no java at ${java} (JAVA_HOME=${process.env.JAVA_HOME}). Install a JDK 17+ or fix JAVA_HOME.`
        : 'java not found on PATH. Install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME.',
    );
  }
  const res = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const out = `${res.stderr || ''}${res.stdout || ''}`;
  const m = out.match(/version "(\d+)(?:\.(\d+))?/);
  if (res.status !== 0 || !m) fail(`could not run ${java} -version`, out.trim());
  const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
  if (major < 17) fail(`Java ${major} found at ${java}; Pulsar 3.x needs Java 17 or newer (set JAVA_HOME).`);
  return { java, major };
}

export function dockerHint() {
  if (!onPath('docker')) return;
  const res = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 5000 });
  if (res.status === 0 && res.stdout.trim()) {
    log(`hint: a Docker engine (${res.stdout.trim()}) is running; you may use the compose file's Pulsar service instead.`);
  }
}

/** True when something listens on 127.0.0.1:port. */
export function portOpen(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const finish = (v) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(1000, () => finish(false));
    sock.on('connect', () => finish(true));
    sock.on('error', () => finish(false));
  });
}

