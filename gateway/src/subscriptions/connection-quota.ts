import type { Identity } from '@alpes/security';
import { closeReason, LIMIT_CLOSE_CODES } from './websocket-limits.js';

interface CountedSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Open graphql-ws connections per client: per identity (`sub`) once authenticated, per IP address for anonymous
 * ones. A connection over the limit is closed with 4029 and a reason naming the count and the limit.
 */
export class ConnectionQuota {
  readonly #open = new Map<string, number>();

  constructor(private readonly maxPerClient: number) {}

  /** Counts the socket under its client until it closes; false (and the socket closed) when over the limit. */
  admit(socket: CountedSocket, identity: Identity, remoteAddress: string | undefined): boolean {
    const client = identity.kind === 'user' ? `sub:${identity.sub}` : `ip:${remoteAddress ?? 'unknown'}`;
    const open = (this.#open.get(client) ?? 0) + 1;
    if (open > this.maxPerClient) {
      socket.close(LIMIT_CLOSE_CODES.tooManyConnections, closeReason(`Too many connections: ${open} for this client, limit ${this.maxPerClient}`));
      return false;
    }
    this.#open.set(client, open);
    socket.once('close', () => {
      const left = (this.#open.get(client) ?? 1) - 1;
      if (left > 0) this.#open.set(client, left);
      else this.#open.delete(client);
    });
    return true;
  }

  get clients(): number {
    return this.#open.size;
  }
}
