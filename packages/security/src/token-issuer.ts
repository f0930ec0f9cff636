import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { ROLES, type Role } from './scopes.js';

/** What signs tokens: an HS256 secret (development), or a private key (the development key in DATA_DIR, or a file). */
export type SigningKey = { kind: 'secret'; secret: Uint8Array } | { kind: 'private-key'; key: KeyObject; keyId?: string };

export interface TokenIssuerOptions {
  key: SigningKey;
  issuer: string;
  audience: string;
}

export interface TokenClaims {
  sub: string;
  scopes: readonly string[];
  afiliadoId?: string;
  /** A duration such as "8h", "15m", "30s" or "7d". */
  ttl: string;
}

export interface RoleTokenOptions {
  afiliadoId?: string;
  ttl?: string;
  /** Default: the role's name (afiliado:<id> for an affiliate). */
  sub?: string;
}

export interface TokenIssuer {
  issue(claims: TokenClaims): Promise<string>;
  /** A token with the role's scopes (README's roles table). */
  issueForRole(role: Role, options?: RoleTokenOptions): Promise<string>;
}

export const DEFAULT_TOKEN_TTL = '8h';
const TTL = /^[1-9]\d*(s|m|h|d)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The JWS algorithm a private key signs with. */
export function signingAlgorithm(key: SigningKey): string {
  if (key.kind === 'secret') return 'HS256';
  const type = key.key.asymmetricKeyType;
  if (type === 'rsa') return 'RS256';
  if (type === 'rsa-pss') return 'PS256';
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'ec') {
    const curve = key.key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
    if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
    if (curve === 'secp521r1' || curve === 'P-521') return 'ES512';
  }
  throw new Error(`unsupported private key type ${type ?? key.key.type}: use RSA, EC (P-256/384/521) or Ed25519`);
}

/** Checks a role token request; the message says what to change. */
export function roleTokenProblems(role: string, options: RoleTokenOptions): string[] {
  const problems: string[] = [];
  if (!Object.hasOwn(ROLES, role)) problems.push(`unknown role "${role}": use one of ${Object.keys(ROLES).join(', ')}`);
  if (options.ttl !== undefined && !TTL.test(options.ttl)) problems.push(`--ttl "${options.ttl}": use a duration such as 30s, 15m, 8h or 7d`);
  if (role === 'afiliado' && options.afiliadoId === undefined)
    problems.push('the afiliado role needs --afiliado-id <uuid> (the affiliate whose data it reads)');
  if (options.afiliadoId !== undefined && !UUID.test(options.afiliadoId)) problems.push(`--afiliado-id "${options.afiliadoId}": must be an affiliate's UUID`);
  return problems;
}

export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  const algorithm = signingAlgorithm(options.key);
  const secretOrKey = options.key.kind === 'secret' ? options.key.secret : options.key.key;
  const keyId = options.key.kind === 'private-key' ? options.key.keyId : undefined;

  async function issue(claims: TokenClaims): Promise<string> {
    if (!TTL.test(claims.ttl)) throw new Error(`ttl "${claims.ttl}": use a duration such as 30s, 15m, 8h or 7d`);
    return new SignJWT({ scope: claims.scopes.join(' '), ...(claims.afiliadoId ? { afiliado_id: claims.afiliadoId.toLowerCase() } : {}) })
      .setProtectedHeader({ alg: algorithm, typ: 'JWT', ...(keyId ? { kid: keyId } : {}) })
      .setSubject(claims.sub)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setExpirationTime(claims.ttl)
      .sign(secretOrKey);
  }

  return {
    issue,
    issueForRole(role, roleOptions = {}) {
      const problems = roleTokenProblems(role, roleOptions);
      if (problems.length > 0) return Promise.reject(new Error(problems.join('; ')));
      const sub = roleOptions.sub ?? (role === 'afiliado' ? `afiliado:${roleOptions.afiliadoId}` : role);
      return issue({
        sub,
        scopes: ROLES[role],
        ttl: roleOptions.ttl ?? DEFAULT_TOKEN_TTL,
        ...(roleOptions.afiliadoId ? { afiliadoId: roleOptions.afiliadoId } : {}),
      });
    },
  };
}
