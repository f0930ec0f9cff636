import { beforeAll, describe } from 'vitest';
import { loadPulsarClient, PulsarNativeBus } from '../src/index.js';
import { describeBusContract } from './contract/bus-contract.js';
import { assertBrokerReachable, PULSAR_SERVICE_URL, PULSAR_WEB_URL } from './pulsar/broker.js';

// The native client is an optionalDependency whose install downloads a prebuilt binary: where it did not install,
// this suite is skipped, and says why.
const loaded = await loadPulsarClient();
if (!loaded.ok) console.warn(`[pulsar-native contract] SKIPPED: ${loaded.reason}`);

describe.skipIf(!loaded.ok)(`pulsar-native (${loaded.ok ? 'pulsar-client loaded' : `skipped: ${loaded.reason}`})`, () => {
  beforeAll(async () => {
    await assertBrokerReachable();
  });

  describeBusContract('pulsar-native', () => PulsarNativeBus.create({ serviceUrl: PULSAR_SERVICE_URL, webUrl: PULSAR_WEB_URL }));
});
