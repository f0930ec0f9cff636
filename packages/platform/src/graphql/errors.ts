import { GraphQLError } from 'graphql';

/** The one error shape of the platform: a readable message plus extensions.code (and the field at fault). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';

function platformError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badUserInput(message: string, field: string): GraphQLError {
  return platformError('BAD_USER_INPUT', message, { field });
}

export function notFound(message: string): GraphQLError {
  return platformError('NOT_FOUND', message);
}

/** `reason` (the cause's message) is for logs: the gateway drops it before answering; `extra` reaches the client. */
export function unavailable(message: string, cause?: unknown, extra: Record<string, unknown> = {}): GraphQLError {
  const detail = cause instanceof Error ? { reason: cause.message } : {};
  return platformError('UNAVAILABLE', message, { ...extra, ...detail });
}
