/**
 * The native addon's send and acknowledge promises and its consumer listener, as `npm run pulsar:native` builds it:
 * one thread-safe function per producer and consumer (scripts/pulsar/completion-queue-patch.mjs) and messages queued
 * for the listener (listener-queue-patch.mjs); and through the upstream paths (PULSAR_NATIVE_COMPLETIONS=per-call,
 * PULSAR_NATIVE_LISTENER=per-message, read when a producer or consumer is created). On a real broker: every one of
 * many concurrent sends and acknowledgements settles exactly once, messages reach the listener once each and in order,
 * refusals reject with libpulsar's reason, closing with sends in flight settles them all, a consumer closed by its
 * listener gets nothing more, readers closed in the middle of a backlog neither deliver after close nor crash the
 * process (listener-lifetime-patch.mjs), and a process exits once it closed its client. Skipped saying why without the addon;
 * with CI=true it fails instead, and the addon must carry the patches.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPulsarClient } from '../src/index.js';
import type { NativeClient, NativeConsumer, NativeMessage, NativeProducer, PulsarClientModule } from '../src/transports/pulsar-native/native-api.js';
import { waitFor } from './contract/helpers.js';
import { assertBrokerReachable, brokerTestName, PULSAR_SERVICE_URL } from './pulsar/broker.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loaded = await loadPulsarClient();
const patched = loaded.ok && addonPatchesBuilt();
if (process.env.CI === 'true' && !patched) {
  throw new Error(
    `[pulsar-native addon patches] ${loaded.ok ? 'the addon was built without the completion and listener queues' : loaded.reason}: run npm run pulsar:native (CI=true: this suite must run)`,
  );
}
if (!loaded.ok) console.warn(`[pulsar-native addon patches] SKIPPED: ${loaded.reason}; build it with npm run pulsar:native`);

/** The stamps the patches (scripts/pulsar/addon-patch.mjs) leave next to a binary built from the patched sources. */
function addonPatchesBuilt(): boolean {
  const addonDir = path.dirname(createRequire(path.join(PACKAGE_DIR, 'package.json')).resolve('pulsar-client/package.json'));
  return ['.alpes-completion-queue', '.alpes-listener-queue', '.alpes-listener-lifetime'].every((stamp) =>
    fs.existsSync(path.join(addonDir, 'build', 'Release', stamp)),
  );
}

/** What these tests pass to the addon beyond the transport's own config type. */
type ProducerOptions = Parameters<NativeClient['createProducer']>[0] & { maxPendingMessages?: number };

const MODES = [
  { mode: 'patched: one thread-safe function per producer and consumer, queued listener', upstream: false },
  { mode: 'upstream: a thread-safe function per call, one message per listener call', upstream: true },
] as const;
const UPSTREAM_PATHS = { PULSAR_NATIVE_COMPLETIONS: 'per-call', PULSAR_NATIVE_LISTENER: 'per-message' };
let client: NativeClient | undefined;

beforeAll(async () => {
  await assertBrokerReachable();
});

afterEach(async () => {
  for (const name of Object.keys(UPSTREAM_PATHS)) delete process.env[name];
  await client?.close();
  client = undefined;
});

function api(): PulsarClientModule {
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.api;
}

function openClient(): NativeClient {
  client = new (api().Client)({ serviceUrl: PULSAR_SERVICE_URL, operationTimeoutSeconds: 10, log: () => undefined });
  return client;
}

function createProducer(topic: string, options: Partial<ProducerOptions> = {}): Promise<NativeProducer> {
  const config: ProducerOptions = {
    topic: `persistent://public/default/${topic}`,
    sendTimeoutMs: 10_000,
    batchingEnabled: false,
    maxPendingMessages: 5_000,
    ...options,
  };
  return client!.createProducer(config);
}

/** Settles every promise and counts how often each one fulfilled or rejected (a double settlement would show). */
async function settleCounted<T>(promises: readonly Promise<T>[]): Promise<{ settled: PromiseSettledResult<T>[]; counts: number[] }> {
  const counts = promises.map(() => 0);
  const settled = await Promise.allSettled(
    promises.map((promise, index) =>
      promise.then(
        (value) => {
          counts[index] = (counts[index] ?? 0) + 1;
          return value;
        },
        (error: unknown) => {
          counts[index] = (counts[index] ?? 0) + 1;
          throw error;
        },
      ),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 50)); // late settlements, had there been any
  return { settled, counts };
}

const reasonOf = (result: PromiseSettledResult<unknown>) => (result.status === 'rejected' ? String(result.reason) : 'fulfilled');

describe.skipIf(!loaded.ok)(
  `native addon completions and listener (${patched ? 'built with the completion and listener queues' : 'NOT built with the completion and listener queues'})`,
  () => {
    describe.each(MODES)('$mode', ({ upstream }) => {
      it('settles 2,000 concurrent sends and their 2,000 acknowledgements exactly once each, messages in order', { timeout: 60_000 }, async () => {
        if (upstream) Object.assign(process.env, UPSTREAM_PATHS);
        const topic = brokerTestName('native-completions');
        openClient();
        const received: { message: NativeMessage; consumer: NativeConsumer }[] = [];
        await client!.subscribe({
          topic: `persistent://public/default/${topic}`,
          subscription: 'completions',
          subscriptionType: 'Exclusive',
          subscriptionInitialPosition: 'Earliest',
          nAckRedeliverTimeoutMs: 1_000,
          receiverQueueSize: 1_000,
          listener: (message, consumer) => void received.push({ message, consumer }),
        });
        const producer = await createProducer(topic);
        const count = 2_000;
        const sends = await settleCounted(Array.from({ length: count }, (_, index) => producer.send({ data: Buffer.from(`m${index}`) })));
        expect(sends.counts.every((times) => times === 1)).toBe(true);
        expect(sends.settled.map(reasonOf).filter((reason) => reason !== 'fulfilled')).toEqual([]);
        const ids = sends.settled.map((result) => (result.status === 'fulfilled' ? result.value.serialize().toString('base64') : ''));
        expect(new Set(ids).size).toBe(count);

        await waitFor(
          `${count} messages`,
          () => received.length >= count,
          30_000,
          () => received.length,
        );
        const acks = await settleCounted(received.map(({ message, consumer }) => consumer.acknowledge(message)));
        expect(acks.counts.every((times) => times === 1)).toBe(true);
        expect(acks.settled.map(reasonOf).filter((reason) => reason !== 'fulfilled')).toEqual([]);
        expect(acks.settled.every((result) => result.status === 'fulfilled' && result.value === null)).toBe(true);
        expect(received.map(({ message }) => message.getData().toString())).toEqual(Array.from({ length: count }, (_, index) => `m${index}`));
        await received[0]!.consumer.close();
        await producer.close();
      });

      it('hands a reader 2,000 messages once each, in order', { timeout: 60_000 }, async () => {
        if (upstream) Object.assign(process.env, UPSTREAM_PATHS);
        const topic = brokerTestName('native-reader-queue');
        openClient();
        const producer = await createProducer(topic);
        const count = 2_000;
        await Promise.all(Array.from({ length: count }, (_, index) => producer.send({ data: Buffer.from(`m${index}`) })));
        const seen: string[] = [];
        const reader = await client!.createReader({
          topic: `persistent://public/default/${topic}`,
          startMessageId: api().MessageId.earliest(),
          receiverQueueSize: 1_000,
          listener: (message) => void seen.push(message.getData().toString()),
        });
        await waitFor(
          `${count} messages`,
          () => seen.length >= count,
          30_000,
          () => seen.length,
        );
        await new Promise((resolve) => setTimeout(resolve, 200)); // a duplicate, had there been one
        expect(seen).toEqual(Array.from({ length: count }, (_, index) => `m${index}`));
        await reader.close();
        await producer.close();
      });

      it('rejects the sends libpulsar refuses with its reason, each exactly once', { timeout: 60_000 }, async () => {
        if (upstream) Object.assign(process.env, UPSTREAM_PATHS);
        openClient();
        // one pending message at most, no blocking: libpulsar refuses the others at once (ProducerQueueIsFull)
        const producer = await createProducer(brokerTestName('native-queue-full'), { maxPendingMessages: 1, blockIfQueueFull: false });
        const sends = await settleCounted(Array.from({ length: 200 }, (_, index) => producer.send({ data: Buffer.from(`m${index}`) })));
        expect(sends.counts.every((times) => times === 1)).toBe(true);
        const reasons = sends.settled.map(reasonOf);
        expect(reasons).toContain('fulfilled');
        expect(reasons.filter((reason) => reason !== 'fulfilled')).not.toEqual([]);
        for (const reason of reasons) expect(reason).toMatch(/^(fulfilled|Error: Failed to send message: ProducerQueueIsFull)$/);
        await producer.close();
      });

      it('settles every send in flight when the producer closes, and rejects sends after close', { timeout: 60_000 }, async () => {
        if (upstream) Object.assign(process.env, UPSTREAM_PATHS);
        openClient();
        const producer = await createProducer(brokerTestName('native-close-in-flight'));
        const inFlight = Array.from({ length: 500 }, (_, index) => producer.send({ data: Buffer.from(`m${index}`) }));
        const closing = producer.close();
        const sends = await settleCounted(inFlight);
        await closing;
        expect(sends.counts.every((times) => times === 1)).toBe(true);
        for (const reason of sends.settled.map(reasonOf)) expect(reason).toMatch(/^(fulfilled|Error: Failed to send message: \w+)$/);
        await expect(producer.send({ data: Buffer.from('late') })).rejects.toThrow(/Failed to send message: AlreadyClosed/);
      });
    });

    it('delivers nothing more to a listener after it closed its consumer', { timeout: 60_000 }, async () => {
      const topic = `persistent://public/default/${brokerTestName('native-listener-close')}`;
      openClient();
      const producer = await client!.createProducer({ topic, batchingEnabled: false });
      await Promise.all(Array.from({ length: 500 }, (_, index) => producer.send({ data: Buffer.from(`m${index}`) })));
      const seen: string[] = [];
      let closing: Promise<null> | undefined;
      await client!.subscribe({
        topic,
        subscription: 'close-from-listener',
        subscriptionType: 'Exclusive',
        subscriptionInitialPosition: 'Earliest',
        nAckRedeliverTimeoutMs: 1_000,
        receiverQueueSize: 1_000,
        listener: (message, consumer) => {
          seen.push(message.getData().toString());
          if (seen.length === 10) closing = consumer.close();
        },
      });
      await waitFor(
        '10 messages',
        () => closing !== undefined,
        30_000,
        () => seen.length,
      );
      await closing;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(seen).toEqual(Array.from({ length: 10 }, (_, index) => `m${index}`));
      await producer.close();
    });

    it(
      'closes readers in the middle of a backlog, 20 times with collections in between: nothing comes after close, the process lives',
      { timeout: 60_000 },
      async () => {
        // listener-lifetime-patch.mjs: libpulsar may still hand a closing reader messages; its listener function (and the
        // struct libpulsar holds as the listener's ctx) now lives until libpulsar has closed the reader
        const name = brokerTestName('native-reader-close');
        const topic = `persistent://public/default/${name}`;
        openClient();
        const producer = await createProducer(name);
        await Promise.all(Array.from({ length: 2_000 }, (_, index) => producer.send({ data: Buffer.from(`m${index}`) })));
        setFlagsFromString('--expose-gc');
        const collect = runInNewContext('gc') as () => void;
        for (let round = 0; round < 20; round += 1) {
          const seen: string[] = [];
          const reader = await client!.createReader({
            topic,
            startMessageId: api().MessageId.earliest(),
            receiverQueueSize: 1_000,
            listener: (message) => void seen.push(message.getData().toString()),
          });
          await waitFor(
            '50 messages',
            () => seen.length >= 50,
            30_000,
            () => seen.length,
          );
          await reader.close();
          const atClose = seen.length;
          collect();
          await new Promise((resolve) => setTimeout(resolve, 50));
          collect();
          expect(seen.length).toBe(atClose);
          expect(seen).toEqual(Array.from({ length: atClose }, (_, index) => `m${index}`));
        }
        await producer.close();
      },
    );

    it('lets a process exit once it closed its consumer, producer and client', { timeout: 60_000 }, async () => {
      const topic = `persistent://public/default/${brokerTestName('native-exit')}`;
      const script = `
      const { Client } = require('pulsar-client');
      (async () => {
        const client = new Client({ serviceUrl: ${JSON.stringify(PULSAR_SERVICE_URL)}, log: () => {} });
        let acked = 0;
        let allAcked;
        const done = new Promise((resolve) => (allAcked = resolve));
        const consumer = await client.subscribe({
          topic: ${JSON.stringify(topic)}, subscription: 'exit', subscriptionType: 'Shared', subscriptionInitialPosition: 'Earliest',
          listener: (message, consumer) => void consumer.acknowledge(message).then(() => { if (++acked === 300) allAcked(); }),
        });
        const producer = await client.createProducer({ topic: ${JSON.stringify(topic)}, batchingEnabled: false });
        await Promise.all(Array.from({ length: 300 }, (_, index) => producer.send({ data: Buffer.from('m' + index) })));
        await done;
        await consumer.close();
        await producer.close();
        await client.close();
        console.log('closed after ' + acked + ' acknowledgements');
      })().catch((error) => { console.error(error); process.exit(1); });
    `;
      const child = spawn(process.execPath, ['-e', script], { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const timedOut = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000).unref());
      const outcome = await Promise.race([exited, timedOut]);
      if (outcome === 'still running') child.kill('SIGKILL');
      expect({ outcome, output: output.trim() }).toEqual({ outcome: 0, output: 'closed after 300 acknowledgements' });
    });
  },
);
