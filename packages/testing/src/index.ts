export { freePort } from './free-port.js';
export { postGraphQL, type GraphQLResponse } from './graphql-client.js';
export { startTestStack, type TestStackOptions } from './test-stack.js';
