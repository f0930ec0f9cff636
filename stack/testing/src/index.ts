export { freePort } from './free-port.js';
export { postGraphQL, type GraphQLResponse } from './graphql-client.js';
export { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';
export { subscribe, type LiveSubscription } from './live-subscription.js';
export { ReaderCountingBus } from './reader-counting-bus.js';
export { openSubscriptionClient, waitUntil, type RecordedSubscription, type SubscriptionClient } from './subscription-client.js';
// The production shape: every service as its own OS process (e2e production tests, the processes bench)
export { startProcessStack, type ProcessName, type ProcessStack, type ProcessStackOptions } from './process-stack/process-stack.js';
export { ManagedProcess, childEnvironment, runToCompletion, sleep, type ProcessExit } from './process-stack/managed-process.js';
export { POSTGRES_SERVER_URL, createFreshDatabases, databaseEnvironment, migrateWithNpm, type DatabaseUrls, type FreshDatabases } from './process-stack/fresh-databases.js';
export { PULSAR_SERVICE_URL, PULSAR_WEB_URL, assertBrokerReachable, createPulsarNamespace } from './process-stack/pulsar-namespace.js';
export { TEST_ACTOR, userOfRole } from '@alpes/test-kit';
