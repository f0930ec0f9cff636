export { TopicRecorder, caughtUp, outcomeOf, postGraphQL, sleep, waitUntil, type GraphQLAnswer } from './messaging-test-kit.js';
