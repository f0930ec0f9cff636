// Shared vitest settings for every workspace.
// graphql is aliased to its CommonJS build: @apollo/gateway loads that one, and two copies
// ("Cannot use GraphQLSchema from another module or realm") break federation in tests.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export const sharedVitestConfig = defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    env: { APOLLO_TELEMETRY_DISABLED: 'true' },
  },
});
