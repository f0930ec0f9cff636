// Shared helpers for scripts/pulsar/start.mjs and stop.mjs (Node builtins only).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PULSAR_DIR = path.join(ROOT, 'pulsar');
export const POM = path.join(PULSAR_DIR, 'pom.xml');
export const CONF = path.join(PULSAR_DIR, 'standalone.conf');
export const LOG4J_CONF = path.join(PULSAR_DIR, 'log4j2.xml');
export const CACHE_DIR = path.join(PULSAR_DIR, '.cache');
export const CLASSPATH_FILE = path.join(CACHE_DIR, 'classpath.txt');
export const CLASSPATH_HASH_FILE = path.join(CACHE_DIR, 'classpath.pom.sha256');
export const DATA_DIR = path.join(PULSAR_DIR, 'data');
export const LOG_DIR = path.join(PULSAR_DIR, 'logs');
export const LOG_FILE = path.join(LOG_DIR, 'standalone.log');
export const PID_FILE = path.join(DATA_DIR, 'broker.pid');
export const MAIN_CLASS = 'org.apache.pulsar.PulsarStandaloneStarter';

export const HTTP_PORT = 8080;
export const BROKER_PORT = 6650;
export const BOOKIE_PORT = 3181;
export const HOST = 'localhost';
export const HEALTH_URL = `http://${HOST}:${HTTP_PORT}/admin/v2/brokers/health`;

export const log = (msg) => console.log(`[pulsar] ${msg}`);
export const warn = (msg) => console.error(`[pulsar] ${msg}`);
export const rel = (p) => path.relative(process.cwd(), p) || '.';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function sha256File(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** True when `pid` is a live (non-zombie) process. */
export function isAlive(pid) {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) STATE ..." -- a zombie (Z) is dead for us.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    /* no /proc (macOS): trust kill(0) */
  }
  return true;
}

/** Command line of a process, or '' when unknown. */
export function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  }
}

/** Is `pid` a standalone broker started with this repository's config? */
export function isOurBroker(pid) {
  const cmd = commandLine(pid);
  return cmd.includes(MAIN_CLASS) && cmd.includes(CONF);
}

/** All live broker processes started with this repository's config (pid file or not). */
export function findBrokerPids() {
  const pids = [];
  let candidates = [];
  try {
    candidates = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    try {
      candidates = execFileSync('ps', ['-ax', '-o', 'pid='], { encoding: 'utf8' })
        .split('\n')
        .map((s) => Number(s.trim()))
        .filter(Boolean);
    } catch {
      candidates = [];
    }
  }
  for (const pid of candidates) {
    if (pid === process.pid) continue;
    if (isOurBroker(pid) && isAlive(pid)) pids.push(pid);
  }
  return pids;
}

export function readPidFile() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function removePidFile() {
  fs.rmSync(PID_FILE, { force: true });
}

/** GET url; resolves { status, body } or { status: 0, error } -- never rejects. */
export function httpGet(url, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error }));
  });
}

export async function isHealthy() {
  const res = await httpGet(HEALTH_URL);
  return res.status === 200;
}

/**
 * Minimal WebSocket client (RFC 6455, text frames only) used to prove the broker's
 * WebSocket API accepts a message: opens a producer on `topic`, sends one message
 * and resolves with the broker's receipt ({result:"ok", messageId, context}).
 */
export function wsProduceOnce(topic, { timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const key = crypto.randomBytes(16).toString('base64');
    const req = http.request({
      host: HOST,
      port: HTTP_PORT,
      path: `/ws/v2/producer/persistent/public/default/${encodeURIComponent(topic)}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
      },
    });
    let socket;
    const timer = setTimeout(() => done(new Error(`no receipt within ${timeoutMs} ms`)), timeoutMs);
    function done(err, value) {
      clearTimeout(timer);
      if (socket) socket.destroy();
      else req.destroy();
      if (err) reject(err);
      else resolve(value);
    }
    req.on('error', (err) => done(err));
    req.on('response', (res) => done(new Error(`HTTP ${res.statusCode} instead of a WebSocket upgrade`)));
    req.on('upgrade', (res, sock, head) => {
      socket = sock;
      const expected = crypto
        .createHash('sha1')
        .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
        .digest('base64');
      if (res.headers['sec-websocket-accept'] !== expected) return done(new Error('bad WebSocket handshake'));
      let buf = head && head.length ? Buffer.from(head) : Buffer.alloc(0);
      sock.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        for (;;) {
          if (buf.length < 2) return;
          const opcode = buf[0] & 0x0f;
          let len = buf[1] & 0x7f;
          let off = 2;
          if (len === 126) {
            if (buf.length < 4) return;
            len = buf.readUInt16BE(2);
            off = 4;
          } else if (len === 127) {
            if (buf.length < 10) return;
            len = Number(buf.readBigUInt64BE(2));
            off = 10;
          }
          if (buf.length < off + len) return;
          const payload = buf.subarray(off, off + len);
          buf = buf.subarray(off + len);
          if (opcode === 0x8) return done(new Error(`socket closed by broker: ${payload.subarray(2).toString()}`));
          if (opcode !== 0x1) continue; // ignore ping/pong/binary
          try {
            const msg = JSON.parse(payload.toString('utf8'));
            if (msg.result === 'ok') return done(null, msg);
            return done(new Error(`producer error: ${payload.toString('utf8')}`));
          } catch (err) {
            return done(err);
          }
        }
      });
      sock.on('error', (err) => done(err));
      sock.on('close', () => done(new Error('socket closed before the receipt')));
      const body = Buffer.from(
        JSON.stringify({ payload: Buffer.from('start probe').toString('base64'), context: 'probe' }),
      );
      sock.write(encodeClientFrame(body));
    });
    req.end();
  });
}

function encodeClientFrame(payload) {
  const mask = crypto.randomBytes(4);
  let header;
  if (payload.length < 126) {
    header = Buffer.from([0x81, 0x80 | payload.length]);
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x81;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}

/** Last `n` lines of the broker log (for error reports). */
export function tailLog(n = 25) {
  try {
    const lines = fs.readFileSync(LOG_FILE, 'utf8').trimEnd().split('\n');
    return lines.slice(-n).join('\n');
  } catch {
    return '(no log file)';
  }
}
