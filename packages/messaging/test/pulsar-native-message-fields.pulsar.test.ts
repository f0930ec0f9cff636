/**
 * Message.getFields() of the native addon as `npm run pulsar:native` builds it (scripts/pulsar/message-fields-patch.mjs):
 * a received message's partition key, body, properties, publish time and redelivery count in one call, equal to what
 * the five upstream getters give, and the transport's port message the same whichever way it was read. On a real
 * broker. Skipped saying why without the addon; with CI=true it fails instead, and the addon must carry the patch.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPulsarClient } from '../src/index.js';
import type { NativeClient, NativeMessage } from '../src/transports/pulsar-native/native-api.js';
import { toDelivered } from '../src/transports/pulsar-native/native-consumer.js';
import { waitFor } from './contract/helpers.js';
import { assertBrokerReachable, brokerTestName, PULSAR_SERVICE_URL } from './pulsar/broker.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loaded = await loadPulsarClient();
const addonDir = () => path.dirname(createRequire(path.join(PACKAGE_DIR, 'package.json')).resolve('pulsar-client/package.json'));
const patched = loaded.ok && fs.existsSync(path.join(addonDir(), 'build', 'Release', '.alpes-message-fields'));
if (process.env.CI === 'true' && !patched) {
  throw new Error(
    `[pulsar-native message fields] ${loaded.ok ? 'the addon was built without the message-fields patch' : loaded.reason}: run npm run pulsar:native (CI=true: this suite must run)`,
  );
}
if (!loaded.ok) console.warn(`[pulsar-native message fields] SKIPPED: ${loaded.reason}; build it with npm run pulsar:native`);

let client: NativeClient | undefined;

beforeAll(async () => {
  await assertBrokerReachable();
});

afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** Sends these messages to a new topic and returns them as an exclusive consumer's listener received them. */
type Outgoing = { data: Buffer; partitionKey?: string; properties?: Record<string, string> };

async function roundTrip(messages: Outgoing[]): Promise<NativeMessage[]> {
  if (!loaded.ok) throw new Error(loaded.reason);
  client = new loaded.api.Client({ serviceUrl: PULSAR_SERVICE_URL, operationTimeoutSeconds: 10, log: () => undefined });
  const topic = `persistent://public/default/${brokerTestName('native-fields')}`;
  const received: NativeMessage[] = [];
  await client.subscribe({
    topic,
    subscription: 'fields',
    subscriptionType: 'Exclusive',
    subscriptionInitialPosition: 'Earliest',
    nAckRedeliverTimeoutMs: 1_000,
    receiverQueueSize: 100,
    listener: (message) => void received.push(message),
  });
  const producer = await client.createProducer({ topic, batchingEnabled: false });
  for (const message of messages) await producer.send(message);
  await waitFor(
    `${messages.length} messages`,
    () => received.length >= messages.length,
    20_000,
    () => received.length,
  );
  await producer.close();
  return received;
}

const MESSAGES: Outgoing[] = [
  {
    data: Buffer.from('{"tipo":"CampañaCreada","importe":"12,50 €","emoji":"🏔️"}', 'utf8'),
    partitionKey: 'campaña-1',
    properties: { type: 'CampanaCreada', traceparent: '00-abc-def-01' },
  },
  { data: Buffer.from('sin propiedades', 'utf8'), partitionKey: 'k2' },
  { data: Buffer.alloc(0), properties: { vacío: 'sí' } },
];

describe.skipIf(!loaded.ok)(
  `native Message.getFields() (${patched ? 'built with the message-fields patch' : 'NOT built with the message-fields patch'})`,
  () => {
    it('gives the key, UTF-8 body, properties, publish time and redelivery count the upstream getters give, in one call', async () => {
      const received = await roundTrip(MESSAGES);
      expect(typeof received[0]!.getFields).toBe('function');
      for (const message of received) {
        expect(message.getFields!()).toEqual([
          message.getPartitionKey(),
          message.getData().toString('utf8'),
          { ...message.getProperties() },
          message.getPublishTimestamp(),
          message.getRedeliveryCount(),
        ]);
      }
      expect(received.map((message) => message.getFields!()[1])).toEqual(MESSAGES.map((message) => message.data.toString('utf8')));
      expect(received[0]!.getFields!()[2]).toEqual({ type: 'CampanaCreada', traceparent: '00-abc-def-01' });
      expect(Object.getPrototypeOf(received[0]!.getFields!()[2])).toBe(Object.prototype); // a plain object, not an Array
    });

    it('makes the same port message as the upstream getters (toDelivered with and without getFields)', async () => {
      const received = await roundTrip(MESSAGES);
      for (const message of received) {
        // the same native message without getFields (its methods bound to it: the addon checks what `this` is)
        const upstream = new Proxy(message, {
          get: (target, name) => (name === 'getFields' ? undefined : (Reflect.get(target, name) as () => unknown).bind(target)),
        });
        const fast = toDelivered('t', message);
        const slow = toDelivered('t', upstream);
        expect({ ...fast, messageId: fast.messageId }).toEqual({ ...slow, messageId: slow.messageId });
      }
      expect(toDelivered('t', received[0]!)).toMatchObject({ key: 'campaña-1', properties: { type: 'CampanaCreada' }, redeliveryCount: 0 });
    });
  },
);
