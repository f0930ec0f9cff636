import type { GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, type Logger } from '@alpes/platform';
import { formatLimitError } from './operation-limits-plugin.js';
import { withoutSuggestions } from './production-errors.js';
import { inTraceContextOfError } from './error-trace-context.js';

/** Codes the gateway itself raises (operation safety), kept as they are. */
const GATEWAY_CODES = new Set(['RATE_LIMITED', 'TIMEOUT']);

/**
 * The gateway's error shape: errors from subgraphs keep their extensions.code (BAD_USER_INPUT, UNAVAILABLE, …);
 * anything else is masked and logged by the platform formatter. Internal details (the reason) never reach clients.
 */
export function createGatewayErrorFormatter(logger: Logger, options: { hideSchemaSuggestions?: boolean } = {}) {
  const shapeInRequest = shapeError(logger);
  // its log lines carry the trace of the request that raised the error (error-trace-context.ts)
  const shape = (formatted: GraphQLFormattedError, error: unknown) => inTraceContextOfError(error, () => shapeInRequest(formatted, error));
  if (!options.hideSchemaSuggestions) return shape;
  // NODE_ENV=production: no "Did you mean …?" anywhere (validation, variable coercion), whatever raised it
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shaped = shape(formatted, error);
    return { ...shaped, message: withoutSuggestions(shaped.message) };
  };
}

function shapeError(logger: Logger) {
  const platformFormatter = createErrorFormatter('gateway', logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = formatLimitError(formatted);
    if (limit) return limit;
    if (formatted.extensions?.code === 'UNAVAILABLE' || formatted.extensions?.code === 'TIMEOUT') {
      const { reason, ...extensions } = formatted.extensions;
      if (reason) logger.warn({ reason, serviceName: extensions.serviceName }, 'subgraph unavailable');
      return { ...formatted, extensions };
    }
    if (typeof formatted.extensions?.code === 'string' && GATEWAY_CODES.has(formatted.extensions.code)) return formatted;
    if (formatted.message === 'provided sha does not match query') {
      // Apollo's APQ check raises it without a code
      return { message: "The persisted query's sha256Hash is not the sha256 of the query sent with it", extensions: { code: 'BAD_REQUEST' } };
    }
    return platformFormatter(formatted, error);
  };
}
