// One raw HTTP request to the gateway, answered as status + content-type + text (whatever the body is).
import type { HttpAnswer } from './verdict.js';

export interface RawRequest {
  method: 'GET' | 'POST';
  /** Appended to the URL (GET's query, variables…). */
  search?: Record<string, string>;
  headers?: Record<string, string>;
  /** A string is sent as UTF-8; a Buffer as it is (invalid UTF-8 included). */
  body?: string | Buffer;
}

export async function send(url: string, request: RawRequest): Promise<HttpAnswer> {
  const target = new URL(url);
  for (const [name, value] of Object.entries(request.search ?? {})) target.searchParams.set(name, value);
  const response = await fetch(target, {
    method: request.method,
    // a connection per case: a reused keep-alive socket the server has just timed out would look like a crash
    headers: { connection: 'close', ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

export const json = (authorization: string, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', authorization, ...extra });
