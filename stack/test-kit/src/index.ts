export { TopicRecorder, caughtUp, outcomeOf, postGraphQL, sleep, waitUntil, type GraphQLAnswer } from './messaging-test-kit.js';
export { TEST_ACTOR, TestGatewayIdentity, userOfRole } from './identities.js';
