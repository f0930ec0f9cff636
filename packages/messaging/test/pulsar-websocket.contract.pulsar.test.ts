import { beforeAll } from 'vitest';
import { PulsarWebSocketBus } from '../src/index.js';
import { describeBusContract } from './contract/bus-contract.js';
import { assertBrokerReachable, PULSAR_WEB_URL } from './pulsar/broker.js';

beforeAll(async () => {
  await assertBrokerReachable();
});

describeBusContract('pulsar-websocket', async () => new PulsarWebSocketBus({ webUrl: PULSAR_WEB_URL }));
