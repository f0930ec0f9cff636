// What must hold for every answer, whatever was sent: a well-formed GraphQL response (GraphQL over HTTP), each error
// with a documented extensions.code, no 5xx but UNAVAILABLE, no stack trace or internal detail, no unexpected error.
import { ACCEPTABLE_CLOSE_CODES, type WsOutcome } from './ws-probe.js';

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** An error's shape as the GraphQL spec gives it. */
interface FormattedError {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: FormattedError[];
}

/** Traces of a stack or of the code base in a text a client sees. */
const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+|\bat [\w$.<>]+ \((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)|node_modules\/|\/src\/[\w/-]+\.[cm]?[jt]s\b/;

/** Problems with one HTTP answer (none when it is fine), and its body when it is a well-formed GraphQL response. */
export function problemsOfHttpAnswer(answer: HttpAnswer, documented: ReadonlySet<string>): { problems: string[]; body?: GraphQLBody } {
  const problems: string[] = [];
  if (STACK_TRACE.test(answer.text)) problems.push('the answer shows a stack trace or a source path');
  if (!/^application\/(graphql-response\+)?json\b/i.test(answer.contentType)) {
    problems.push(`content-type is "${answer.contentType || 'missing'}", not JSON`);
    return { problems };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    problems.push('the body is not JSON');
    return { problems };
  }
  const bodyProblems = problemsOfGraphQLBody(parsed, documented);
  problems.push(...bodyProblems);
  if (bodyProblems.length > 0) return { problems };
  const body = parsed as GraphQLBody;
  const codes = (body.errors ?? []).map((error) => String(error.extensions?.code));
  if (answer.status >= 500 && !(codes.length > 0 && codes.every((code) => code === 'UNAVAILABLE'))) {
    problems.push(`HTTP ${answer.status} with codes [${codes.join(', ')}]: only UNAVAILABLE may answer 5xx`);
  }
  if (answer.status >= 400 && (body.errors ?? []).length === 0) problems.push(`HTTP ${answer.status} without errors`);
  return { problems, body };
}

/** A response object as GraphQL defines it: `data` and/or a non-empty `errors` list, each error a message + a documented code. */
export function problemsOfGraphQLBody(parsed: unknown, documented: ReadonlySet<string>): string[] {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ['the body is not a GraphQL response object'];
  const body = parsed as Record<string, unknown>;
  const problems: string[] = [];
  const extra = Object.keys(body).filter((key) => !['data', 'errors', 'extensions'].includes(key));
  if (extra.length > 0) problems.push(`unexpected top-level keys ${extra.join(', ')}`);
  if (!('data' in body) && !('errors' in body)) problems.push('neither data nor errors');
  if ('data' in body && body.data !== null && (typeof body.data !== 'object' || Array.isArray(body.data))) problems.push('data is not an object');
  if ('errors' in body) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) problems.push('errors is not a non-empty list');
    else for (const error of body.errors as unknown[]) problems.push(...problemsOfError(error, documented));
  }
  return problems;
}

export function problemsOfError(error: unknown, documented: ReadonlySet<string>): string[] {
  if (typeof error !== 'object' || error === null) return ['an error is not an object'];
  const { message, extensions } = error as { message?: unknown; extensions?: Record<string, unknown> };
  const problems: string[] = [];
  if (typeof message !== 'string' || message.length === 0) problems.push('an error has no message');
  const code = extensions?.code;
  if (typeof code !== 'string') problems.push(`an error without extensions.code: ${JSON.stringify(message)}`);
  else if (!documented.has(code)) problems.push(`undocumented code ${code} (${JSON.stringify(message)})`);
  else if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR: hostile input reached an unexpected error (${JSON.stringify(message)})`);
  for (const key of ['stacktrace', 'exception', 'reason']) if (extensions && key in extensions) problems.push(`extensions.${key} leaks internals`);
  return problems;
}

/** What must hold for a graphql-ws exchange: an acceptable close, an acknowledgement, and well-formed, documented messages. */
export function problemsOfWsOutcome(outcome: WsOutcome, documented: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (outcome.closed && !ACCEPTABLE_CLOSE_CODES.has(outcome.closed.code)) problems.push(`socket closed with ${outcome.closed.code} ${outcome.closed.reason}`);
  if (!outcome.acknowledged && !outcome.closed) problems.push('connection_init was never acknowledged');
  for (const message of outcome.messages) {
    if (message.type === 'error') {
      if (!Array.isArray(message.payload) || message.payload.length === 0) problems.push('an error message without errors');
      else for (const error of message.payload) problems.push(...problemsOfError(error, documented));
    } else if (message.type === 'next') problems.push(...problemsOfGraphQLBody(message.payload, documented));
    else if (message.type !== 'complete') problems.push(`unexpected message ${message.type}`);
  }
  return problems;
}
