import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Refuses a document whose operation to run cannot be told: several operations and no `operationName`, or an
 * `operationName` the document does not hold. Apollo Server hands such a request to the gateway anyway, whose planner
 * throws a bare error that would reach the client as a masked INTERNAL_SERVER_ERROR (HTTP 500); here it is a 400 with
 * OPERATION_RESOLUTION_FAILURE and a message that says what to send.
 */
export function refuseUnresolvedOperations<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (operation) return;
          const names = document.definitions.flatMap((definition) =>
            definition.kind === 'OperationDefinition' ? [definition.name?.value ?? '(anonymous)'] : [],
          );
          const message = request.operationName
            ? `The document holds no operation named "${request.operationName}" (it holds: ${names.join(', ')})`
            : `The document holds ${names.length} operations (${names.join(', ')}): send operationName to say which one to run`;
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
