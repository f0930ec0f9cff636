import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logger.js';

const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'TIMEOUT',
]);

/** SQLSTATE 57014 (query_canceled): the session's statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS) cut the query. */
function looksLikeStatementTimeout(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code ?? '')}` : '';
  return /statement timeout|57014/i.test(text);
}

function looksLikeDatabaseOutage(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? '')}` : '';
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Can't reach database|DatabaseNotReachable|P1001|P1017|connection terminated|57P01|Connection terminated/i.test(
    text,
  );
}

/** Keeps the platform's error shape: known codes pass through, outages become UNAVAILABLE, the rest is masked and logged. */
export function createErrorFormatter(service: string, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) return formatted;
    const original = unwrapResolverError(error);
    if (looksLikeStatementTimeout(original)) {
      return {
        ...formatted,
        message: `The ${service} database did not answer in time (statement timeout); try again shortly`,
        extensions: { code: 'TIMEOUT' },
      };
    }
    if (looksLikeDatabaseOutage(original)) {
      return { ...formatted, message: `The ${service} database is unavailable; try again shortly`, extensions: { code: 'UNAVAILABLE' } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
    return { ...formatted, message: `Internal error in ${service}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
