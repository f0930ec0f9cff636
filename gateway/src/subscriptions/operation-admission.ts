import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { isTokenLimitError, type OperationGuard } from '../plugins/operation-guard.js';

interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * graphql-ws's onSubscribe with the gateway's operation limits: the document is parsed with the token limit (the parser
 * stops reading past it), validated, then held to the depth, aliases, root fields and cost limits of its selection,
 * before any stream opens or any subgraph is called. Rejections are GraphQL errors on the subscription (graphql-ws
 * `error` message), each with extensions.code, the measured value and the limit. `validateDocument` is the server's
 * validation (codes on its errors, no schema suggestions in production). Without a guard, graphql-ws's own
 * parsing and validation run (undefined).
 */
export function admitOperation(guard: OperationGuard | undefined, schemaOf: () => GraphQLSchema | undefined, validateDocument: typeof validate = validate) {
  return (payload: SubscribePayload): Omit<ExecutionArgs, 'contextValue'> | readonly GraphQLError[] | undefined => {
    if (!guard) return undefined;
    const schema = schemaOf();
    if (!schema) return [new GraphQLError('The gateway schema is not loaded yet; try again shortly', { extensions: { code: 'UNAVAILABLE' } })];
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: guard.settings.maxTokens });
    } catch (error) {
      if (isTokenLimitError(error)) return [withoutHttp(guard.tokenLimitError(payload.query))];
      if (error instanceof GraphQLError)
        return [
          new GraphQLError(error.message, {
            ...(error.source ? { source: error.source } : {}),
            ...(error.positions ? { positions: error.positions } : {}),
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          }),
        ];
      throw error;
    }
    const invalid = validateDocument(schema, document, specifiedRules);
    if (invalid.length > 0) return invalid;
    const operationName = payload.operationName ?? null;
    const variables = payload.variables ?? null;
    const rejection = guard.check({ schema, document, operationName, variables });
    if (rejection) return [withoutHttp(rejection)];
    return { schema, document, operationName, variableValues: variables };
  };
}

/** HTTP status hints are for Apollo over HTTP; a websocket client gets code, measured value and limit only. */
function withoutHttp(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions });
}
