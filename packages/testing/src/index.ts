export { freePort } from './free-port.js';
export { postGraphQL, type GraphQLResponse } from './graphql-client.js';
export { startTestStack, type TestStackOptions } from './test-stack.js';
export { subscribe, type LiveSubscription } from './live-subscription.js';
export { ReaderCountingBus } from './reader-counting-bus.js';
export { openSubscriptionClient, waitUntil, type RecordedSubscription, type SubscriptionClient } from './subscription-client.js';
