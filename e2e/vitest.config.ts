import { configDefaults, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../vitest.shared.js';

// *.pulsar.test.ts need a running broker: they run with vitest.pulsar.config.ts (npm run test:pulsar -w @alpes/e2e).
export default mergeConfig(sharedVitestConfig, { test: { exclude: [...configDefaults.exclude, '**/*.pulsar.test.ts'] } });
