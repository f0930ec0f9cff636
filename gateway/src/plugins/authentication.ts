import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context as TraceContext } from '@opentelemetry/api';
import { traceContextOfRequest } from '@alpes/observability';
import { SigningKeysUnavailable, TokenRejected, type Identity, type TokenVerifier } from '@alpes/security';
import type { Logger } from '@alpes/platform';
import type { OperationRecord } from '../cache/response-cache.js';
import { rateLimitKeyOf, type GatewayRateLimiter } from './rate-limit.js';

/**
 * What every operation through the gateway runs with: the verified identity of the caller. Plugins (rate limits,
 * cost) read `identity` from the context: `kind` tells a user from an anonymous caller, `sub` names the user.
 */
export interface GatewayContext {
  identity: Identity;
  /** The operation's trace context, when tracing: its subgraph fetches are spans under it (the gateway passes it along, see startTracing's `explicit`). */
  traceContext?: TraceContext;
  /** A query the response cache may store: what its fetches depend on (cache/response-cache.ts). */
  responseRecord?: OperationRecord;
}

/**
 * The gateway's door: a request without Authorization is anonymous (it may run __typename and introspection, every
 * other field answers UNAUTHENTICATED); a token that does not verify gets HTTP 401 UNAUTHENTICATED before anything
 * runs, with a WWW-Authenticate header (RFC 6750) that says why; an identity provider we cannot reach is HTTP 503
 * UNAVAILABLE, since the token may well be valid.
 */
export async function authenticate(verifier: TokenVerifier, authorization: string | undefined, logger: Logger): Promise<Identity> {
  try {
    return await verifier.verifyAuthorization(authorization);
  } catch (error) {
    if (error instanceof TokenRejected) {
      const headers = new HeaderMap([['www-authenticate', `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`]]);
      throw new GraphQLError(`Not authenticated: ${error.message}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers } } });
    }
    if (error instanceof SigningKeysUnavailable) {
      logger.warn({ reason: error.message }, 'identity provider keys unavailable');
      throw new GraphQLError('The identity provider cannot be reached to verify the token; try again shortly', {
        extensions: { code: 'UNAVAILABLE', http: { status: 503 } },
      });
    }
    throw error;
  }
}

/**
 * The context function of the gateway's HTTP endpoint: authenticates, then takes a token from the caller's rate-limit
 * bucket (its `sub`, or its IP address when anonymous or when its token does not verify).
 */
export function gatewayContext(verifier: TokenVerifier, logger: Logger, rateLimiter?: GatewayRateLimiter) {
  return async ({ req }: { req: IncomingMessage }): Promise<GatewayContext> => {
    let identity: Identity;
    try {
      identity = await authenticate(verifier, req.headers.authorization, logger);
    } catch (error) {
      await rateLimiter?.admit(rateLimitKeyOf(undefined, req.socket.remoteAddress));
      throw error;
    }
    await rateLimiter?.admit(rateLimitKeyOf(identity, req.socket.remoteAddress));
    const traceContext = traceContextOfRequest(req);
    return traceContext ? { identity, traceContext } : { identity };
  };
}
