// Test and bench support with no dependency on any service, so the gateway's and the subgraphs' own tests may use it.
// The whole stack on fresh databases (startTestStack) is @alpes/local-stack's: it imports every service.
export { sleep, waitUntil } from './waits.js';
export { TopicRecorder, caughtUp, outcomeOf, postGraphQL, type GraphQLAnswer } from './messaging-test-kit.js';
export { TEST_ACTOR, TestGatewayIdentity, userOfRole } from './identities.js';
export { freePort } from './free-port.js';
export { subscribe, type LiveSubscription } from './live-subscription.js';
export { ReaderCountingBus } from './reader-counting-bus.js';
export { openSubscriptionClient, type RecordedSubscription, type SubscriptionClient } from './subscription-client.js';
// The production shape: every service as its own OS process (e2e production tests, the processes bench)
export { startProcessStack, type ProcessName, type ProcessStack, type ProcessStackOptions } from './process-stack/process-stack.js';
export { ManagedProcess, childEnvironment, runToCompletion, type ProcessExit } from './process-stack/managed-process.js';
export {
  POSTGRES_SERVER_URL,
  createFreshDatabases,
  databaseEnvironment,
  migrateWithNpm,
  type DatabaseUrls,
  type FreshDatabases,
} from './process-stack/fresh-databases.js';
export { PULSAR_SERVICE_URL, PULSAR_WEB_URL, assertBrokerReachable, createPulsarNamespace } from './process-stack/pulsar-namespace.js';
