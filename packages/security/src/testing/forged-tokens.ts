// Tokens an attacker would try, for the threat tests of the verifier, the gateway and the subscriptions
// (import '@alpes/security/testing'); and tokens with chosen claims signed with a stack's own key.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { signingAlgorithm, type SigningKey } from '../token-issuer.js';

export interface ForgeOptions {
  issuer: string;
  audience: string;
  sub?: string;
  scope?: string;
  afiliadoId?: string;
}

const payloadOf = (options: ForgeOptions, extra: Record<string, unknown> = {}) => ({
  sub: options.sub ?? 'mallory',
  scope: options.scope ?? 'afiliados:read comisiones:write',
  iss: options.issuer,
  aud: options.audience,
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 3600,
  ...(options.afiliadoId ? { afiliado_id: options.afiliadoId } : {}),
  ...extra,
});

/** `alg: none`: no signature at all. */
export function unsignedToken(options: ForgeOptions): string {
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  return `${header}.${base64url.encode(JSON.stringify(payloadOf(options)))}.`;
}

/** Signed by a key the gateway never trusted. */
export async function tokenSignedWithAnotherKey(options: ForgeOptions): Promise<string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return new SignJWT(payloadOf(options)).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
}

/** HS/RS confusion: HS256 with the server's PUBLIC key as the HMAC secret (it is public, so anyone can). */
export async function hmacWithPublicKey(options: ForgeOptions, publicKey: KeyObject): Promise<string> {
  const secret = new TextEncoder().encode(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return new SignJWT(payloadOf(options)).setProtectedHeader({ alg: 'HS256' }).sign(secret);
}

/** A valid token whose payload was edited afterwards (more scopes, another afiliado); the signature no longer matches. */
export function tamperedToken(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
  return `${header}.${base64url.encode(JSON.stringify({ ...claims, ...changes }))}.${signature}`;
}

/** A token signed with `key` (a stack's own) with exactly these claims: an expired one, another issuer or audience… */
export function signedToken(key: SigningKey, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: signingAlgorithm(key), typ: 'JWT' }).sign(key.kind === 'secret' ? key.secret : key.key);
}
