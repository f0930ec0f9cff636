// How a case is shown in a failure message: what was sent (the token masked), long texts cut short.
import type { RawRequest } from './http.js';

export function describeRequest(request: RawRequest): string {
  const body = request.body === undefined ? '' : Buffer.isBuffer(request.body) ? request.body.toString('latin1') : request.body;
  return `${request.method} ${JSON.stringify(request.search ?? {})} ${JSON.stringify(request.headers ?? {}).replace(/Bearer [\w.-]+/, 'Bearer …')} ${body}`;
}

export function truncate(text: string | undefined, length = 600): string {
  if (text === undefined) return 'undefined';
  return text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;
}
