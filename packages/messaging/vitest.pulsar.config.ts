import { mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

/** Tests against a real Pulsar broker (npm run pulsar:start first): npm run test:pulsar -w @alpes/messaging. */
export default mergeConfig(sharedVitestConfig, {
  test: {
    include: ['test/**/*.pulsar.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
