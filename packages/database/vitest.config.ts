import { mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(sharedVitestConfig, {
  // TEST_POSTGRES_URL, or an embedded PostgreSQL for the run: the tests need no server running beforehand.
  test: { globalSetup: ['./test/support/postgres-server.global.ts'] },
});
