import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { isTokenLimitError, type OperationGuard } from '../plugins/operation-guard.js';

/** Distinct subscription documents remembered per schema, parsed and validated once each, */
export const ADMITTED_DOCUMENTS_PER_SCHEMA = 1_000;
/** of at most this many characters (bounds the cache at a few MB whatever clients send). */
export const ADMITTED_DOCUMENT_MAX_CHARACTERS = 8_192;

/** A document as parsed and validated once: the AST that every subscriber sending the same text shares, or its errors. */
type Admitted = { document: DocumentNode } | { errors: readonly GraphQLError[] };

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
  // Ten thousand dashboards subscribing with the same text hold one AST between them, not one each (a parsed
  // subscription is ~8 KB of tokens, locations and nodes), and it is parsed and validated once. Keyed by schema, as
  // validation depends on it; a new supergraph starts a new cache.
  const admittedBySchema = new WeakMap<GraphQLSchema, LRUCache<string, Admitted>>();
  const admitted = (schema: GraphQLSchema, guarded: OperationGuard, query: string): Admitted => {
    let cache = admittedBySchema.get(schema);
    if (!cache) admittedBySchema.set(schema, (cache = new LRUCache<string, Admitted>({ max: ADMITTED_DOCUMENTS_PER_SCHEMA })));
    const remembered = cache.get(query);
    if (remembered) return remembered;
    const entry = parseAndValidate(schema, guarded, query, validateDocument);
    // errors are not kept: graphql-ws may decorate the error objects it sends, and a bad document is not worth memory
    if ('document' in entry && query.length <= ADMITTED_DOCUMENT_MAX_CHARACTERS) cache.set(query, entry);
    return entry;
  };
  return (payload: SubscribePayload): Omit<ExecutionArgs, 'contextValue'> | readonly GraphQLError[] | undefined => {
    if (!guard) return undefined;
    const schema = schemaOf();
    if (!schema) return [new GraphQLError('The gateway schema is not loaded yet; try again shortly', { extensions: { code: 'UNAVAILABLE' } })];
    const entry = admitted(schema, guard, payload.query);
    if ('errors' in entry) return entry.errors;
    const { document } = entry;
    const operationName = payload.operationName ?? null;
    const variables = payload.variables ?? null;
    const rejection = guard.check({ schema, document, operationName, variables });
    if (rejection) return [withoutHttp(rejection)];
    return { schema, document, operationName, variableValues: variables };
  };
}

function parseAndValidate(schema: GraphQLSchema, guard: OperationGuard, query: string, validateDocument: typeof validate): Admitted {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: guard.settings.maxTokens });
  } catch (error) {
    if (isTokenLimitError(error)) return { errors: [withoutHttp(guard.tokenLimitError(query))] };
    if (error instanceof GraphQLError)
      return {
        errors: [
          new GraphQLError(error.message, {
            ...(error.source ? { source: error.source } : {}),
            ...(error.positions ? { positions: error.positions } : {}),
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          }),
        ],
      };
    throw error;
  }
  const invalid = validateDocument(schema, document, specifiedRules);
  return invalid.length > 0 ? { errors: invalid } : { document };
}

/** HTTP status hints are for Apollo over HTTP; a websocket client gets code, measured value and limit only. */
function withoutHttp(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions });
}
