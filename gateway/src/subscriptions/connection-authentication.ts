import type { Logger } from '@alpes/platform';
import { ANONYMOUS, SigningKeysUnavailable, type Identity, type TokenVerifier } from '@alpes/security';

/** The part of a socket this needs (ws's WebSocket). */
interface ClosableSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/** graphql-ws's Unauthorized: the client must authenticate again (it does not reconnect on its own). */
export const TOKEN_EXPIRED_CLOSE = { code: 4401, reason: 'Unauthorized: the token has expired' } as const;
/** RFC 6455 "Try Again Later": the identity provider could not be reached; the client may retry. */
const KEYS_UNAVAILABLE_CLOSE = { code: 1013, reason: 'The identity provider cannot be reached; try again shortly' } as const;
/** setTimeout's longest delay (about 24.8 days); a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Who is on each graphql-ws connection: verified once at connection_init from connectionParams.authorization (the
 * same "Bearer …" value as the HTTP header; the upgrade request's Authorization header when a client can send one).
 * A token that does not verify refuses the connection (graphql-ws closes it with 4403 Forbidden); none makes the
 * connection anonymous, whose subscriptions then answer UNAUTHENTICATED. When the token expires, the socket is
 * closed with 4401, which ends every subscription on it with a clear reason.
 */
export class ConnectionAuthentication {
  readonly #identities = new WeakMap<object, Identity>();

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly logger: Logger,
    private readonly clockToleranceSeconds: number,
  ) {}

  async accept(socket: ClosableSocket, fromConnectionParams: unknown, fromUpgradeHeader: string | undefined): Promise<boolean> {
    if (fromConnectionParams !== undefined && fromConnectionParams !== null && typeof fromConnectionParams !== 'string') return false;
    let identity: Identity;
    try {
      identity = await this.verifier.verifyAuthorization(fromConnectionParams ?? fromUpgradeHeader);
    } catch (error) {
      if (error instanceof SigningKeysUnavailable) {
        this.logger.warn({ reason: error.message }, 'identity provider keys unavailable at connection_init');
        socket.close(KEYS_UNAVAILABLE_CLOSE.code, KEYS_UNAVAILABLE_CLOSE.reason);
      }
      return false;
    }
    this.#identities.set(socket, identity);
    if (identity.kind === 'user') this.#closeAtExpiry(socket, identity.expiresAt.getTime() + this.clockToleranceSeconds * 1000);
    return true;
  }

  identityOf(socket: object): Identity {
    return this.#identities.get(socket) ?? ANONYMOUS;
  }

  #closeAtExpiry(socket: ClosableSocket, expiresAtMs: number): void {
    let timer: NodeJS.Timeout | undefined;
    const wait = () => {
      const remaining = expiresAtMs - Date.now();
      if (remaining <= 0) {
        socket.close(TOKEN_EXPIRED_CLOSE.code, TOKEN_EXPIRED_CLOSE.reason);
        return;
      }
      timer = setTimeout(wait, Math.min(remaining, MAX_TIMER_MS));
      timer.unref();
    };
    socket.once('close', () => clearTimeout(timer));
    wait();
  }
}
