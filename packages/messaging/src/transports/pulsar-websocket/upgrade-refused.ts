/** The broker answered the WebSocket upgrade with an HTTP status (409: exclusive consumer exists, 400: bad params…). */
export class UpgradeRefusedError extends Error {
  constructor(
    readonly status: number,
    what: string,
    body: string,
  ) {
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
    const detail = (title ?? body.replace(/\s+/g, ' ').slice(0, 200))
      .replace(/&quot;/g, '"')
      .replace(/&gt;/g, '>')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&');
    super(`${what}: broker refused the WebSocket (HTTP ${status}${detail ? `: ${detail}` : ''})`);
    this.name = 'UpgradeRefusedError';
  }
}

/** Refusals worth giving up on at the first connection (a later reconnect retries them: 409 may be a stale session). */
export function isRefusal(error: Error): boolean {
  return error instanceof UpgradeRefusedError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}
