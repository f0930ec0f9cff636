import { hkdfSync, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { authorizationView, GATEWAY_SERVICE, unauthenticated, type GatewayServiceIdentity, type Identity, type UserIdentity } from './identity.js';
import { parseScopeClaim } from './scopes.js';
import { VerificationCache } from './verification-cache.js';

/**
 * How a subgraph learns who is asking: the gateway verifies the client's token, then signs a short-lived identity
 * (HS256, 60 s at most, never past the client token's expiry) for each subgraph request. Subgraphs verify it with
 * the shared secret and trust nothing else: a client token, a forged header or no header at all gets HTTP 401.
 * The gateway's own calls (composition's `_service`, readiness probes) carry a `gateway` identity that may read
 * the schema and nothing else.
 */
export const SUBGRAPH_IDENTITY = { issuer: 'alpespartner-gateway', audience: 'alpespartner-subgraphs', maxTtlSeconds: 60, clockToleranceSeconds: 5 } as const;

/** At least 32 bytes: an HMAC key shorter than its hash is weaker than it looks. */
export const MIN_SECRET_BYTES = 32;

/** The subgraph identity secret derived from AUTH_JWT_SECRET (HKDF), so an HS256 setup needs one secret, not two. */
export function deriveSubgraphIdentitySecret(authJwtSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', authJwtSecret, 'alpespartner', 'subgraph identity v1', 32));
}

/** A random secret for a stack in one process (npm start): nothing outside the process can sign identities. */
export function randomSubgraphIdentitySecret(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

export class SubgraphIdentitySigner {
  readonly #secret: Uint8Array;
  readonly #cache = new Map<string, { header: string; renewAfter: number }>();
  /** Each identity's cache key, made once (an identity is immutable; the gateway asks twice per subgraph fetch). */
  readonly #keys = new WeakMap<UserIdentity | GatewayServiceIdentity, string>();

  constructor(secret: Uint8Array) {
    this.#secret = secret;
  }

  /** `Bearer <identity>` for a subgraph request made on behalf of `identity` (undefined for an anonymous caller). */
  async authorizationFor(identity: Identity): Promise<string | undefined> {
    if (identity.kind === 'anonymous') return undefined;
    let key = this.#keys.get(identity);
    if (key === undefined) {
      key = identity.kind === 'gateway' ? 'gateway' : `${identity.sub}\n${authorizationView(identity)}\n${identity.expiresAt.getTime()}`;
      this.#keys.set(identity, key);
    }
    const cached = this.#cache.get(key);
    if (cached && cached.renewAfter > Date.now()) return cached.header;
    const nowSeconds = Math.floor(Date.now() / 1000);
    const userExpiry = identity.kind === 'user' ? Math.floor(identity.expiresAt.getTime() / 1000) : Number.POSITIVE_INFINITY;
    const exp = Math.min(nowSeconds + SUBGRAPH_IDENTITY.maxTtlSeconds, userExpiry);
    const claims =
      identity.kind === 'user'
        ? { kind: 'user', scope: [...identity.scopes].join(' '), ...(identity.afiliadoId ? { afiliado_id: identity.afiliadoId } : {}), user_exp: userExpiry }
        : { kind: 'gateway' };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(identity.kind === 'user' ? identity.sub : 'gateway')
      .setIssuer(SUBGRAPH_IDENTITY.issuer)
      .setAudience(SUBGRAPH_IDENTITY.audience)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(exp)
      .sign(this.#secret);
    const header = `Bearer ${token}`;
    // reused for half its life, so a subgraph never receives one about to expire
    if (this.#cache.size >= 10_000) this.#cache.clear();
    this.#cache.set(key, { header, renewAfter: Date.now() + ((exp - nowSeconds) * 1000) / 2 });
    return header;
  }
}

export class SubgraphIdentityVerifier {
  readonly #secret: Uint8Array;
  // the gateway reuses each signed identity for half its life: most requests are a lookup
  readonly #verified = new VerificationCache<{ identity: UserIdentity | GatewayServiceIdentity; exp: number }>();

  constructor(secret: Uint8Array) {
    this.#secret = secret;
  }

  /** The identity of a subgraph request, or HTTP 401 UNAUTHENTICATED (nothing is executed). */
  async identify(authorization: string | undefined): Promise<UserIdentity | GatewayServiceIdentity> {
    const match = authorization ? /^Bearer +(\S+)$/i.exec(authorization.trim()) : null;
    if (!match?.[1]) throw refused('this subgraph answers only the gateway: the request carries no gateway-signed identity');
    const token = match[1];
    const { identity } = await this.#verified.get(
      token,
      () => this.#verify(token),
      (verified) => verified.exp * 1000,
    );
    return identity;
  }

  async #verify(token: string): Promise<{ identity: UserIdentity | GatewayServiceIdentity; exp: number }> {
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        algorithms: ['HS256'],
        issuer: SUBGRAPH_IDENTITY.issuer,
        audience: SUBGRAPH_IDENTITY.audience,
        clockTolerance: SUBGRAPH_IDENTITY.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp', 'kind'],
      });
      const exp = payload.exp ?? 0;
      if (payload.kind === 'gateway') return { identity: GATEWAY_SERVICE, exp };
      if (payload.kind !== 'user' || typeof payload.sub !== 'string') throw refused('the gateway-signed identity is malformed');
      const afiliadoId = typeof payload.afiliado_id === 'string' ? payload.afiliado_id : null;
      const userExpiry = typeof payload.user_exp === 'number' ? payload.user_exp : exp;
      return { identity: { kind: 'user', sub: payload.sub, scopes: parseScopeClaim(payload.scope), afiliadoId, expiresAt: new Date(userExpiry * 1000) }, exp };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw refused('the gateway-signed identity has expired');
      if (error instanceof joseErrors.JOSEError) throw refused('the gateway-signed identity is not valid');
      throw error;
    }
  }
}

function refused(message: string) {
  return unauthenticated(message, { status: 401 });
}

/** A subgraph process's verifier: SUBGRAPH_IDENTITY_SECRET, or the secret derived from AUTH_JWT_SECRET. */
export function subgraphIdentityVerifierFromEnvironment(environment: NodeJS.ProcessEnv): SubgraphIdentityVerifier {
  const { SUBGRAPH_IDENTITY_SECRET, AUTH_JWT_SECRET } = environment;
  if (SUBGRAPH_IDENTITY_SECRET) return new SubgraphIdentityVerifier(new TextEncoder().encode(SUBGRAPH_IDENTITY_SECRET));
  if (AUTH_JWT_SECRET) return new SubgraphIdentityVerifier(deriveSubgraphIdentitySecret(AUTH_JWT_SECRET));
  throw new Error('set SUBGRAPH_IDENTITY_SECRET (the same as the gateway), or AUTH_JWT_SECRET from which both derive it');
}
