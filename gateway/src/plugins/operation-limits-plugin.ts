import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isBuiltByGateway } from './gateway-built-operations.js';
import { isLimitErrorCode, LIMIT_ERROR_CODES } from './limit-errors.js';
import { isTokenLimitError, type OperationGuard } from './operation-guard.js';

/**
 * The guard in Apollo Server's request pipeline. Tokens: ApolloServer's parseOptions.maxTokens makes the parser stop
 * reading; this plugin then notes the count and the limit on the parse error (formatTokenLimitError shapes it).
 * Depth, aliases, root fields and cost: checked once the operation is resolved and validated, before the gateway
 * plans or calls any subgraph; a rejection is answered HTTP 400 with the error.
 */
export function operationLimitsPlugin(guard: OperationGuard): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          return async (error) => {
            if (!error || !isTokenLimitError(error) || !('extensions' in error)) return;
            const { message, extensions } = guard.tokenLimitError(source);
            // read by formatTokenLimitError; Apollo keeps these extensions on its GRAPHQL_PARSE_FAILED error (HTTP 400)
            Object.assign(error.extensions as Record<string, unknown>, { limitMessage: message, tokens: extensions.tokens, maxTokens: extensions.maxTokens });
          };
        },
        async didResolveOperation(context) {
          // A batched hydration repeats selections the guard already admitted when their clients subscribed: its root
          // fields and aliases grow with the batch (hydration-batch-document.ts), its size is bounded there.
          if (isBuiltByGateway(context.contextValue)) return;
          const rejection = guard.check({
            schema: context.schema,
            document: context.document,
            operationName: context.operationName ?? context.request.operationName ?? null,
            variables: context.request.variables ?? null,
            cacheKey: context.queryHash,
          });
          if (rejection) throw rejection;
        },
      };
    },
  };
}

/** Apollo answers a parse error GRAPHQL_PARSE_FAILED; the token limit's gets its own code, count and limit. */
export function formatTokenLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const extensions = formatted.extensions;
  if (typeof extensions?.maxTokens !== 'number' || typeof extensions.limitMessage !== 'string') return undefined;
  return {
    message: extensions.limitMessage,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: LIMIT_ERROR_CODES.tokens, tokens: extensions.tokens, maxTokens: extensions.maxTokens },
  };
}

/** The formatted errors of the limits: passed to clients as they are (code, measured value, limit). */
export function formatLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  return formatTokenLimitError(formatted) ?? (isLimitErrorCode(formatted.extensions?.code) ? formatted : undefined);
}
