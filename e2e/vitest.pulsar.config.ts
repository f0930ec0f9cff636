import { mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../vitest.shared.js';

/**
 * The business scenarios on a real Apache Pulsar broker (npm run pulsar:start first):
 * npm run test:pulsar -w @alpes/e2e. One file at a time: they share the broker's topics, and one restarts it.
 */
export default mergeConfig(sharedVitestConfig, {
  test: {
    include: ['test/pulsar/**/*.pulsar.test.ts', 'test/production/**/*.pulsar.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
