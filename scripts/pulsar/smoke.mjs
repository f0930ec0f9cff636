#!/usr/bin/env node
// Smoke test of a running broker through Pulsar's official WebSocket API
// (ws://localhost:8080/ws/v2/...). Start the broker first: `npm run pulsar:start`.
//
//   node scripts/pulsar/smoke.mjs            # PASS/FAIL per check, exit 1 on any FAIL
//   SMOKE_VERBOSE=1 node scripts/pulsar/smoke.mjs   # also print raw frames
//
// Checks: produce + receipts, Shared consume + ack, negative ack -> redelivery,
// maxRedeliverCount + deadLetterTopic -> DLQ, ack timeout -> redelivery, pullMode permits,
// reader from earliest / from a message id, Key_Shared with two consumers,
// invalid query parameter rejected. Topics are deleted at the end.
/* global process, console, Buffer, setTimeout, clearTimeout, URLSearchParams */
import crypto from 'node:crypto';
import http from 'node:http';
import WebSocket from 'ws';

const HOST = process.env.PULSAR_HOST || 'localhost';
const PORT = Number(process.env.PULSAR_HTTP_PORT || 8080);
const WS = `ws://${HOST}:${PORT}/ws/v2`;
const NS = 'public/default';
const VERBOSE = process.env.SMOKE_VERBOSE === '1';
const run = crypto.randomBytes(4).toString('hex');
const topicsToDelete = new Set();
let basicConsumer; // consumer opened by the first check, read by the second

const results = [];
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s) => Buffer.from(s, 'base64').toString('utf8');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function record(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` -- ${detail}` : ''}`);
}

/** A WebSocket with an async message queue of parsed JSON frames. */
class Client {
  constructor(url, label) {
    this.url = url;
    this.label = label;
    this.queue = [];
    this.waiters = [];
    this.closed = null;
  }

  open(timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      this.ws = ws;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`${this.label}: connect timeout`));
      }, timeoutMs);
      ws.on('open', () => {
        clearTimeout(timer);
        resolve(this);
      });
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          const err = new Error(`${this.label}: HTTP ${res.statusCode} ${body.replace(/\s+/g, ' ').slice(0, 200)}`);
          err.status = res.statusCode;
          reject(err);
        });
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('message', (data) => {
        const text = data.toString('utf8');
        if (VERBOSE) console.log(`   <- ${this.label}: ${text}`);
        const msg = JSON.parse(text);
        const w = this.waiters.shift();
        if (w) w.resolve(msg);
        else this.queue.push(msg);
      });
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        for (const w of this.waiters.splice(0)) w.reject(new Error(`${this.label}: closed ${code} ${reason}`));
      });
    });
  }

  send(obj) {
    if (VERBOSE) console.log(`   -> ${this.label}: ${JSON.stringify(obj)}`);
    this.ws.send(JSON.stringify(obj));
  }

  /** Next frame, or throws after timeoutMs. */
  next(timeoutMs = 10000) {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closed) return Promise.reject(new Error(`${this.label}: closed`));
    return new Promise((resolve, reject) => {
      const w = { resolve, reject };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`${this.label}: nothing received within ${timeoutMs} ms`));
      }, timeoutMs);
      w.resolve = (m) => {
        clearTimeout(timer);
        resolve(m);
      };
      w.reject = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      this.waiters.push(w);
    });
  }

  /** Resolves null when nothing arrives within ms (to prove absence). */
  async maybeNext(ms) {
    try {
      return await this.next(ms);
    } catch {
      return null;
    }
  }

  close() {
    try {
      this.ws.close();
    } catch {
      /* ignore */
    }
  }
}

const qs = (params) => (params && Object.keys(params).length ? `?${new URLSearchParams(params)}` : '');
const topicName = (suffix) => {
  const t = `smoke-${run}-${suffix}`;
  topicsToDelete.add(t);
  return t;
};
const producer = (topic, params) => new Client(`${WS}/producer/persistent/${NS}/${topic}${qs(params)}`, `producer(${topic})`).open();
const consumer = (topic, sub, params) =>
  new Client(`${WS}/consumer/persistent/${NS}/${topic}/${sub}${qs(params)}`, `consumer(${topic}/${sub})`).open();
const reader = (topic, params) => new Client(`${WS}/reader/persistent/${NS}/${topic}${qs(params)}`, `reader(${topic})`).open();

async function produce(p, payload, extra = {}) {
  const context = crypto.randomUUID();
  p.send({ payload: b64(payload), context, ...extra });
  const receipt = await p.next();
  if (receipt.result !== 'ok' || receipt.context !== context) throw new Error(`bad receipt ${JSON.stringify(receipt)}`);
  return receipt;
}

async function check(name, fn) {
  try {
    const detail = await fn();
    record(name, true, detail || '');
  } catch (err) {
    record(name, false, err.message);
  }
}

function httpRequest(method, path) {
  return new Promise((resolve) => {
    const req = http.request({ host: HOST, port: PORT, path, method, timeout: 10000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function main() {
  const health = await httpRequest('GET', '/admin/v2/brokers/health');
  if (health !== 200) {
    console.log(`FAIL broker health (${HOST}:${PORT}) -- HTTP ${health || 'no answer'}; run npm run pulsar:start`);
    process.exit(1);
  }
  console.log(`smoke run ${run} against ${WS}`);

  // 1. Shared consumer subscribed first, producer sends 3 keyed messages, consumer acks each.
  const T = topicName('basic');
  const sent = [];
  let firstMessage;
  await check('produce 3 messages, receipts {result:"ok", messageId, context}', async () => {
    const c = await consumer(T, 'sub-shared', { subscriptionType: 'Shared', receiverQueueSize: '10' });
    const p = await producer(T);
    for (let i = 0; i < 3; i++) {
      const r = await produce(p, `hello-${i}`, { key: `k${i}`, properties: { n: String(i), source: 'smoke' } });
      sent.push(r.messageId);
      if (i === 0) console.log(`   receipt shape: ${JSON.stringify(r)}`);
    }
    p.close();
    basicConsumer = c;
    return `messageIds ${sent.join(', ')}`;
  });
  await check('Shared consumer receives the 3 messages and acks each {messageId}', async () => {
    const c = basicConsumer;
    const got = [];
    for (let i = 0; i < 3; i++) {
      const m = await c.next();
      if (i === 0) {
        firstMessage = m;
        console.log(`   message shape: ${JSON.stringify(m)}`);
      }
      got.push(m);
      c.send({ messageId: m.messageId });
    }
    const payloads = got.map((m) => unb64(m.payload));
    if (payloads.join() !== 'hello-0,hello-1,hello-2') throw new Error(`payloads ${payloads}`);
    if (got.map((m) => m.key).join() !== 'k0,k1,k2') throw new Error(`keys ${got.map((m) => m.key)}`);
    if (got[1].properties?.n !== '1') throw new Error(`properties ${JSON.stringify(got[1].properties)}`);
    if (got.some((m) => m.redeliveryCount !== 0)) throw new Error('redeliveryCount != 0');
    if (got.map((m) => m.messageId).join() !== sent.join()) throw new Error('messageIds differ from receipts');
    const extra = await c.maybeNext(1500);
    if (extra) throw new Error(`unexpected extra message ${JSON.stringify(extra)}`);
    c.close();
    return 'payload/key/properties/messageId match';
  });
  await check('acked messages are not redelivered to a reconnecting consumer', async () => {
    await sleep(1200); // acks are persisted asynchronously
    const c = await consumer(T, 'sub-shared', { subscriptionType: 'Shared' });
    const m = await c.maybeNext(2000);
    c.close();
    if (m) throw new Error(`got ${unb64(m.payload)} again`);
  });

  // 2. Reader replays from earliest, and from a given message id (exclusive).
  await check('reader ?messageId=earliest replays all 3 messages in order', async () => {
    const r = await reader(T, { messageId: 'earliest' });
    const got = [];
    for (let i = 0; i < 3; i++) {
      const m = await r.next();
      got.push(unb64(m.payload));
      r.send({ messageId: m.messageId }); // reader "ack" = flow-control permit
    }
    r.close();
    if (got.join() !== 'hello-0,hello-1,hello-2') throw new Error(`got ${got}`);
    return got.join(', ');
  });
  await check('reader ?messageId=<base64 id of message 0> starts after that message', async () => {
    const r = await reader(T, { messageId: sent[0] });
    const m = await r.next();
    r.close();
    const p = unb64(m.payload);
    if (p !== 'hello-1') throw new Error(`first message was ${p}`);
    return 'first = hello-1 (start id is exclusive)';
  });
  await check('reader ?messageId=latest gets only new messages', async () => {
    const r = await reader(T, { messageId: 'latest' });
    const none = await r.maybeNext(1500);
    if (none) throw new Error(`got old message ${unb64(none.payload)}`);
    const p = await producer(T);
    await produce(p, 'hello-3');
    p.close();
    const m = await r.next();
    r.close();
    if (unb64(m.payload) !== 'hello-3') throw new Error(`got ${unb64(m.payload)}`);
  });

  // 3. Negative acknowledgement -> redelivery with redeliveryCount + 1.
  await check('negativeAcknowledge -> redelivered (negativeAckRedeliveryDelay=500)', async () => {
    const N = topicName('nack');
    const c = await consumer(N, 'sub-nack', { subscriptionType: 'Shared', negativeAckRedeliveryDelay: '500' });
    const p = await producer(N);
    await produce(p, 'nack-me');
    p.close();
    const m1 = await c.next();
    const t = Date.now();
    c.send({ type: 'negativeAcknowledge', messageId: m1.messageId });
    const m2 = await c.next(10000);
    const dt = Date.now() - t;
    c.send({ messageId: m2.messageId });
    c.close();
    if (unb64(m2.payload) !== 'nack-me') throw new Error('different message redelivered');
    if (m2.redeliveryCount !== m1.redeliveryCount + 1) throw new Error(`redeliveryCount ${m1.redeliveryCount} -> ${m2.redeliveryCount}`);
    return `redelivered after ${dt} ms, redeliveryCount ${m1.redeliveryCount} -> ${m2.redeliveryCount}, same messageId: ${m1.messageId === m2.messageId}`;
  });

  // 4. Dead letter topic after maxRedeliverCount nacks.
  await check('maxRedeliverCount=2 & deadLetterTopic=<topic>-DLQ -> message lands in the DLQ', async () => {
    const D = topicName('dlq');
    const DLQ = `${D}-DLQ`;
    topicsToDelete.add(DLQ);
    // A subscription must exist on the DLQ topic before messages arrive (or retention must keep them).
    const dlqConsumer = await consumer(DLQ, 'dlq-watch', { subscriptionType: 'Shared' });
    const c = await consumer(D, 'sub-dlq', {
      subscriptionType: 'Shared',
      maxRedeliverCount: '2',
      deadLetterTopic: DLQ,
      negativeAckRedeliveryDelay: '300',
    });
    const p = await producer(D);
    await produce(p, 'poison', { key: 'poison-key', properties: { origin: 'smoke' } });
    p.close();
    const counts = [];
    for (;;) {
      const m = await c.maybeNext(5000);
      if (!m) break;
      counts.push(m.redeliveryCount);
      c.send({ type: 'negativeAcknowledge', messageId: m.messageId });
      if (counts.length > 10) throw new Error('never dead-lettered');
    }
    const d = await dlqConsumer.next(10000);
    dlqConsumer.send({ messageId: d.messageId });
    console.log(`   DLQ message shape: ${JSON.stringify(d)}`);
    c.close();
    dlqConsumer.close();
    if (unb64(d.payload) !== 'poison') throw new Error(`DLQ payload ${unb64(d.payload)}`);
    return `deliveries with redeliveryCount [${counts.join(', ')}], then DLQ; DLQ key=${d.key}, properties=${JSON.stringify(d.properties)}`;
  });

  // 5. Ack timeout -> redelivery.
  await check('ackTimeoutMillis=1000: unacked message is redelivered', async () => {
    const A = topicName('acktimeout');
    const c = await consumer(A, 'sub-ackt', { subscriptionType: 'Shared', ackTimeoutMillis: '1000' });
    const p = await producer(A);
    await produce(p, 'ack-me-late');
    p.close();
    const m1 = await c.next();
    const t = Date.now();
    const m2 = await c.next(10000);
    const dt = Date.now() - t;
    c.send({ messageId: m2.messageId });
    c.close();
    if (unb64(m2.payload) !== 'ack-me-late') throw new Error('different message');
    return `redelivered after ${dt} ms, redeliveryCount ${m1.redeliveryCount} -> ${m2.redeliveryCount}`;
  });

  // 6. pullMode: nothing is pushed until the client sends permits.
  await check('pullMode=true delivers only after {type:"permit", permitMessages:N}', async () => {
    const P = topicName('pull');
    const c = await consumer(P, 'sub-pull', { subscriptionType: 'Shared', pullMode: 'true' });
    const p = await producer(P);
    for (let i = 0; i < 3; i++) await produce(p, `pull-${i}`);
    p.close();
    const before = await c.maybeNext(1500);
    if (before) throw new Error('message pushed without permits');
    c.send({ type: 'permit', permitMessages: 2 });
    const a = await c.next();
    const b = await c.next();
    const third = await c.maybeNext(1500);
    if (third) throw new Error('got more than permitted');
    c.send({ messageId: a.messageId });
    c.send({ messageId: b.messageId });
    c.send({ type: 'permit', permitMessages: 1 });
    const d = await c.next();
    c.send({ messageId: d.messageId });
    c.close();
    return `${[a, b, d].map((m) => unb64(m.payload)).join(', ')}`;
  });

  // 7. Key_Shared: two consumers, each key goes to exactly one consumer, order kept per key.
  await check('Key_Shared: 2 consumers, each key sticks to one consumer, per-key order kept', async () => {
    const K = topicName('keyshared');
    const c1 = await consumer(K, 'sub-ks', { subscriptionType: 'Key_Shared', consumerName: 'c1' });
    const c2 = await consumer(K, 'sub-ks', { subscriptionType: 'Key_Shared', consumerName: 'c2' });
    const p = await producer(K);
    const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const total = 40;
    for (let i = 0; i < total; i++) await produce(p, `${keys[i % keys.length]}:${i}`, { key: keys[i % keys.length] });
    p.close();
    const byConsumer = { c1: [], c2: [] };
    const drain = async (c, name) => {
      for (;;) {
        const m = await c.maybeNext(2000);
        if (!m) return;
        byConsumer[name].push(m);
        c.send({ messageId: m.messageId });
      }
    };
    await Promise.all([drain(c1, 'c1'), drain(c2, 'c2')]);
    c1.close();
    c2.close();
    const n = byConsumer.c1.length + byConsumer.c2.length;
    if (n !== total) throw new Error(`received ${n}/${total}`);
    const owner = new Map();
    for (const [name, msgs] of Object.entries(byConsumer)) {
      let last = new Map();
      for (const m of msgs) {
        if (owner.has(m.key) && owner.get(m.key) !== name) throw new Error(`key ${m.key} went to both consumers`);
        owner.set(m.key, name);
        const seq = Number(unb64(m.payload).split(':')[1]);
        if ((last.get(m.key) ?? -1) > seq) throw new Error(`key ${m.key} out of order`);
        last.set(m.key, seq);
      }
    }
    const c1Keys = [...owner].filter(([, v]) => v === 'c1').map(([k]) => k);
    const c2Keys = [...owner].filter(([, v]) => v === 'c2').map(([k]) => k);
    return `c1 ${byConsumer.c1.length} msgs keys [${c1Keys}], c2 ${byConsumer.c2.length} msgs keys [${c2Keys}]`;
  });

  // 8. Invalid query parameter is rejected at the HTTP upgrade.
  await check('invalid subscriptionType is rejected (HTTP 400 on upgrade)', async () => {
    try {
      const c = await consumer(topicName('bad'), 'sub-bad', { subscriptionType: 'Bogus' });
      c.close();
    } catch (err) {
      if (err.status === 400) return err.message;
      throw err;
    }
    throw new Error('connection was accepted');
  });

  if (firstMessage) {
    console.log(`   consumer message fields: ${Object.keys(firstMessage).join(', ')}`);
  }

  // Cleanup: delete the topics this run created (ignore failures).
  for (const t of topicsToDelete) {
    await httpRequest('DELETE', `/admin/v2/persistent/${NS}/${encodeURIComponent(t)}?force=true`);
  }

  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.log(`FAIL smoke test crashed -- ${err.stack || err}`);
  process.exit(1);
});
