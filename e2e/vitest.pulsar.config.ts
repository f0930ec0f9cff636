import { mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../vitest.shared.js';

/**
 * The business scenarios on a real Apache Pulsar broker (npm run pulsar:start first):
 * npm run test:pulsar -w @alpes/e2e. One file at a time: they share the broker's topics, and one restarts it.
 * Every scenario runs twice, once per Pulsar transport: the project `websocket` (PULSAR_CLIENT=websocket), then the
 * project `native` (PULSAR_CLIENT=native, the pulsar-client addon: npm run pulsar:native). `--project native` runs one.
 */
const onTransport = (client: 'websocket' | 'native', order: number) => ({
  extends: true as const,
  test: {
    name: client,
    env: { PULSAR_CLIENT: client },
    // groups run one after the other: the two transports never share the broker's seed topics at once
    sequence: { groupOrder: order },
  },
});

export default mergeConfig(sharedVitestConfig, {
  test: {
    include: ['test/pulsar/**/*.pulsar.test.ts', 'test/production/**/*.pulsar.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    projects: [onTransport('websocket', 0), onTransport('native', 1)],
  },
});
