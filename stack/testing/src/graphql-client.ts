export { postGraphQL, type GraphQLAnswer as GraphQLResponse } from '@alpes/test-kit';
