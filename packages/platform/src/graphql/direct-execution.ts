import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  execute,
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createRequire } from 'node:module';
import { DocumentCache } from './document-cache.js';

// the library Apollo Server picks its answer's content type with (it ships no types: the part used here)
const Negotiator = createRequire(import.meta.url)('negotiator') as new (request: { headers: { accept: string } }) => {
  mediaType(available: string[]): string | undefined;
};

/**
 * A check run once the operation is resolved (undefined when the document has none by that name), before anything
 * executes, e.g. the authorization guard; a throw refuses the request (Apollo answers it with the error's code/status).
 */
export type OperationGuard<Context> = (check: {
  contextValue: Context;
  document: DocumentNode;
  operation: OperationDefinitionNode | undefined;
  schema: GraphQLSchema;
}) => void;

/** What Apollo's server is configured with, which the direct path must answer with too. */
export interface DirectExecutionConfig<Context> {
  schema: GraphQLSchema;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  includeStacktraceInErrorResponses: boolean;
  guards: readonly OperationGuard<Context>[];
  /** Headers every answer carries (Apollo's willSendResponse hooks set them), e.g. cache-control. */
  responseHeaders: Readonly<Record<string, string>>;
}

/** A request the direct path takes: its document already parsed and validated by Apollo, its operation resolved. */
export interface PreparedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  contentType: string;
}

export interface DirectAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const APPLICATION_JSON = 'application/json; charset=utf-8';
const ACCEPTABLE = [APPLICATION_JSON, 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

/**
 * Executes a subgraph's ordinary requests with graphql-js directly, answering byte for byte what Apollo Server's
 * `executeHTTPGraphQLRequest` answers (test/direct-execution.test.ts compares them), without its per-request pipeline
 * (sha256 of the query, plugin hooks, context clone, header maps, accept negotiation).
 * It only takes what it can answer the same way: a query text Apollo has already parsed and validated (recorded by
 * `recordingPlugin`, so the same validation rules apply, introspection included), one resolvable query or mutation,
 * no persisted-query extension, an accept header that asks for a single JSON result. Anything else, and any request
 * refused before execution (context creation, a guard, variables that do not coerce), is handed back to Apollo, which
 * answers it as always: nothing has executed by then, so Apollo running it again changes nothing.
 */
export class DirectExecution<Context extends BaseContext> {
  private readonly documents = new DocumentCache();
  private readonly contentTypes = new Map<string, string | null>();

  constructor(private readonly config: DirectExecutionConfig<Context>) {}

  /** Records each query text Apollo validated, with its DocumentNode (the one Apollo's own document store keeps). */
  recordingPlugin(): ApolloServerPlugin<Context> {
    const documents = this.documents;
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ source, document }) {
            documents.remember(source, document);
          },
        };
      },
    };
  }

  /** The guards as an Apollo plugin, for the requests Apollo executes. */
  guardPlugin(): ApolloServerPlugin<Context> {
    const guards = this.config.guards;
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue, document, operation, schema }) {
            for (const guard of guards) guard({ contextValue, document, operation, schema });
          },
        };
      },
    };
  }

  /** The operation when the direct path can answer this POST body; undefined hands the request to Apollo. */
  prepare(body: unknown, accept: string | undefined): PreparedOperation | undefined {
    if (!isRecord(body)) return undefined;
    const { query, variables, operationName, extensions } = body;
    if (typeof query !== 'string' || query.length === 0) return undefined;
    if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
    if (extensions !== undefined && extensions !== null && (!isRecord(extensions) || extensions.persistedQuery)) return undefined;
    const contentType = this.contentTypeFor(accept);
    if (!contentType) return undefined;
    const document = this.documents.get(query);
    if (!document) return undefined;
    const name = typeof operationName === 'string' ? operationName : undefined;
    const operation = getOperationAST(document, name);
    if (!operation || operation.operation === 'subscription') return undefined;
    return { document, operation, variables: isRecord(variables) ? variables : undefined, operationName: name, contentType };
  }

  /** Runs the guards and executes; undefined when the request is refused before execution (Apollo answers it then). */
  async execute(prepared: PreparedOperation, contextValue: Context): Promise<DirectAnswer | undefined> {
    const { schema } = this.config;
    const { document, operation } = prepared;
    try {
      for (const guard of this.config.guards) guard({ contextValue, document, operation, schema });
    } catch {
      return undefined;
    }
    const result = (await execute({
      schema,
      document,
      contextValue,
      variableValues: prepared.variables,
      operationName: prepared.operationName,
    })) as ExecutionResult;
    // no data: variables that do not coerce (nothing ran); Apollo answers them with its BAD_USER_INPUT shape
    if (result.data === undefined) return undefined;
    return this.answer(result, prepared.contentType);
  }

  private answer(result: ExecutionResult, contentType: string): DirectAnswer {
    const headers: Record<string, string> = { ...this.config.responseHeaders };
    let status = 200;
    let errors: GraphQLFormattedError[] | undefined;
    if (result.errors) {
      const head = { status: undefined as number | undefined, headers: new Map<string, string>() };
      errors = result.errors.map((error) => this.formatted(error, head));
      if (head.status) status = head.status;
      for (const [name, value] of head.headers) headers[name] = value;
    }
    headers['content-type'] ??= contentType; // as Apollo: an error's own content-type header stays
    return { status, headers, body: JSON.stringify({ errors, data: result.data, extensions: result.extensions }) + '\n' };
  }

  /** Apollo's normalizeAndFormatErrors for one error: code defaulted, extensions.http lifted to the answer, stack in development. */
  private formatted(error: unknown, head: { status: number | undefined; headers: Map<string, string> }): GraphQLFormattedError {
    const enrich = (maybeError: unknown): GraphQLFormattedError => {
      const graphqlError = asGraphQLError(maybeError);
      const extensions: Record<string, unknown> = { ...graphqlError.extensions, code: graphqlError.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
      const http = extensions.http;
      if (isHttpHead(http)) {
        if (http.status) head.status = http.status;
        for (const [name, value] of http.headers ?? []) head.headers.set(name, value);
        delete extensions.http;
      }
      if (this.config.includeStacktraceInErrorResponses) extensions.stacktrace = graphqlError.stack?.split('\n');
      return { ...graphqlError.toJSON(), extensions };
    };
    try {
      return this.config.formatError(enrich(error), error);
    } catch (formattingError) {
      if (this.config.includeStacktraceInErrorResponses) return enrich(formattingError);
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  }

  /** Apollo's content type for a single result under this accept header; null when it would refuse it (406). */
  private contentTypeFor(accept: string | undefined): string | null {
    if (!accept) return APPLICATION_JSON;
    let chosen = this.contentTypes.get(accept);
    if (chosen === undefined) {
      chosen = new Negotiator({ headers: { accept } }).mediaType(ACCEPTABLE) ?? null;
      if (this.contentTypes.size < 100) this.contentTypes.set(accept, chosen);
    }
    return chosen;
  }
}

function asGraphQLError(maybeError: unknown): GraphQLError {
  const error = maybeError instanceof Error ? maybeError : new GraphQLError('Unexpected error value: ' + String(maybeError));
  return error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
}

function isHttpHead(value: unknown): value is { status?: number; headers?: Map<string, string> } {
  return (
    !!value &&
    typeof value === 'object' &&
    (!('status' in value) || typeof value.status === 'number') &&
    (!('headers' in value) || value.headers instanceof Map)
  );
}
