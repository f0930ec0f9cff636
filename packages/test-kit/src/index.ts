export { TopicRecorder, outcomeOf, postGraphQL, sleep, waitUntil, type GraphQLAnswer } from './messaging-test-kit.js';
