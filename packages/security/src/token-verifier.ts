import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, type AnonymousIdentity, type UserIdentity } from './identity.js';
import { parseScopeClaim } from './scopes.js';
import { VerificationCache } from './verification-cache.js';

/** Where the keys that sign client tokens come from: an identity provider's JWKS, one public key, or an HS256 secret. */
export type TokenKeySource =
  | { kind: 'jwks'; url: string; cooldownMs?: number; cacheMaxAgeMs?: number; timeoutMs?: number }
  | { kind: 'public-key'; key: KeyObject }
  | { kind: 'secret'; secret: Uint8Array };

export interface TokenVerifierOptions {
  keys: TokenKeySource;
  issuer: string;
  audience: string;
  /** Accepted skew between the issuer's clock and ours, on exp/nbf/iat (seconds). */
  clockToleranceSeconds: number;
}

/** The token was presented but is not valid (bad signature, expired, wrong issuer…): HTTP 401. */
export class TokenRejected extends Error {
  override name = 'TokenRejected';
}

/** The identity provider's keys could not be fetched: the token may be fine, we cannot tell (HTTP 503). */
export class SigningKeysUnavailable extends Error {
  override name = 'SigningKeysUnavailable';
}

export interface TokenVerifier {
  /** A verified user, or throws TokenRejected / SigningKeysUnavailable. */
  verify(token: string): Promise<UserIdentity>;
  /** The Authorization header (or graphql-ws connectionParams.authorization): absent is anonymous. */
  verifyAuthorization(value: string | undefined | null): Promise<UserIdentity | AnonymousIdentity>;
}

const RSA = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_BY_CURVE: Record<string, string> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
  prime256v1: 'ES256',
  secp384r1: 'ES384',
  secp521r1: 'ES512',
};
const OKP = ['EdDSA', 'Ed25519'];
/** Every asymmetric algorithm: a JWKS never verifies an HMAC token (HS/RS confusion). */
const ASYMMETRIC = [...RSA, 'ES256', 'ES384', 'ES512', ...OKP];
const MAX_TOKEN_LENGTH = 8_192;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The algorithms a key may verify: pinned per key type, so a token can never choose how it is checked. */
export function algorithmsFor(keys: TokenKeySource): string[] {
  if (keys.kind === 'secret') return ['HS256'];
  if (keys.kind === 'jwks') return ASYMMETRIC;
  const type = keys.key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') return RSA;
  if (type === 'ec') {
    const algorithm = EC_BY_CURVE[keys.key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (algorithm) return [algorithm];
  }
  if (type === 'ed25519') return OKP;
  throw new Error(`unsupported public key type ${type ?? keys.key.type}: use RSA, EC (P-256/384/521) or Ed25519`);
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const algorithms = algorithmsFor(options.keys);
  const key: KeyObject | Uint8Array | JWTVerifyGetKey =
    options.keys.kind === 'jwks'
      ? createRemoteJWKSet(new URL(options.keys.url), {
          // jose caches the set, refetches it for a key id it does not know (rotation), at most once per cooldown
          ...(options.keys.cooldownMs === undefined ? {} : { cooldownDuration: options.keys.cooldownMs }),
          ...(options.keys.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: options.keys.cacheMaxAgeMs }),
          timeoutDuration: options.keys.timeoutMs ?? 5_000,
        })
      : options.keys.kind === 'secret'
        ? options.keys.secret
        : options.keys.key;

  const verified = new VerificationCache<UserIdentity>();
  const graceMs = options.clockToleranceSeconds * 1000;

  function verify(token: string): Promise<UserIdentity> {
    return verified.get(
      token,
      () => verifySignature(token),
      (identity) => identity.expiresAt.getTime() + graceMs,
    );
  }

  async function verifySignature(token: string): Promise<UserIdentity> {
    if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejected('the token is too long');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
        algorithms,
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw classify(error);
    }
    return identityOf(payload);
  }

  return {
    verify,
    async verifyAuthorization(value) {
      if (value === undefined || value === null || value.trim() === '') return ANONYMOUS;
      const match = /^Bearer +(\S+)\s*$/i.exec(value);
      if (!match?.[1]) throw new TokenRejected('the Authorization value must be "Bearer <JWT>"');
      return verify(match[1]);
    },
  };
}

function identityOf(payload: JWTPayload): UserIdentity {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new TokenRejected('the token has no subject (sub)');
  const afiliadoId = payload.afiliado_id;
  if (afiliadoId !== undefined && (typeof afiliadoId !== 'string' || !UUID.test(afiliadoId))) {
    throw new TokenRejected('the afiliado_id claim must be a UUID');
  }
  if (payload.scope !== undefined && typeof payload.scope !== 'string') throw new TokenRejected('the scope claim must be a space-separated string');
  return {
    kind: 'user',
    sub: payload.sub,
    scopes: parseScopeClaim(payload.scope),
    afiliadoId: typeof afiliadoId === 'string' ? afiliadoId.toLowerCase() : null,
    expiresAt: new Date((payload.exp ?? 0) * 1000),
  };
}

/** jose's reasons, in words a client can act on; a JWKS that cannot be fetched is ours to fix, not the client's. */
function classify(error: unknown): Error {
  if (error instanceof joseErrors.JWKSTimeout) return new SigningKeysUnavailable('the identity provider did not answer in time');
  // jose's generic error is only raised fetching the key set (a status other than 200, a body that is not JSON)
  if (error instanceof joseErrors.JWKSInvalid || (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC')) {
    return new SigningKeysUnavailable(`the identity provider's key set could not be read: ${error.message}`);
  }
  if (error instanceof joseErrors.JWTExpired) return new TokenRejected('the token has expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) return new TokenRejected(`the token's ${error.claim} claim is not accepted (${error.reason})`);
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new TokenRejected('the token is signed with an algorithm this gateway does not accept');
  if (error instanceof joseErrors.JWKSNoMatchingKey) return new TokenRejected('the token is signed with a key the identity provider does not publish');
  if (error instanceof joseErrors.JOSEError) return new TokenRejected('the token is not valid (malformed or bad signature)');
  if (error instanceof TokenRejected) return error;
  // not jose's own: fetching the JWKS failed (connection refused, DNS, bad JSON)
  return new SigningKeysUnavailable(`the identity provider's keys could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
}
