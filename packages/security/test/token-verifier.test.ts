import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenIssuer, createTokenVerifier, SigningKeysUnavailable, TokenRejected, ROLES } from '../src/index.js';
import { hmacWithPublicKey, tamperedToken, tokenSignedWithAnotherKey, unsignedToken } from '../src/testing/forged-tokens.js';

const claims = { issuer: 'alpespartner', audience: 'alpespartner-api' };
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const issuer = createTokenIssuer({ key: { kind: 'private-key', key: privateKey }, ...claims });
const verifier = createTokenVerifier({ keys: { kind: 'public-key', key: publicKey }, ...claims, clockToleranceSeconds: 5 });
const AFILIADO = '0190a000-0000-7000-8000-000000000001';

async function rejection(token: string): Promise<string> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenRejected);
  return (error as Error).message;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('token verification (jose), with the threats a gateway must refuse', () => {
  it('accepts a token of the configured key, issuer and audience: sub, scopes and afiliado_id', async () => {
    const identity = await verifier.verify(await issuer.issueForRole('afiliado', { afiliadoId: AFILIADO, ttl: '5m' }));
    expect(identity).toMatchObject({ kind: 'user', sub: `afiliado:${AFILIADO}`, afiliadoId: AFILIADO });
    expect([...identity.scopes]).toEqual([...ROLES.afiliado]);
    expect(identity.expiresAt.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
  });

  it('refuses alg none, another key, HS256 signed with the public key (HS/RS confusion) and a tampered payload', async () => {
    expect(await rejection(unsignedToken(claims))).toMatch(/algorithm|not valid/);
    expect(await rejection(await tokenSignedWithAnotherKey(claims))).toMatch(/bad signature/);
    expect(await rejection(await hmacWithPublicKey(claims, publicKey))).toMatch(/algorithm/);
    const real = await issuer.issueForRole('afiliado', { afiliadoId: AFILIADO });
    expect(await rejection(tamperedToken(real, { scope: 'afiliados:read comisiones:write' }))).toMatch(/bad signature/);
    expect(await rejection(tamperedToken(real, { afiliado_id: '0190a000-0000-7000-8000-000000000002' }))).toMatch(/bad signature/);
  });

  it('refuses an expired token beyond the clock tolerance, and accepts one expired within it', async () => {
    const sign = (expSecondsFromNow: number) =>
      new SignJWT({ scope: 'campanas:read' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('ana')
        .setIssuer(claims.issuer)
        .setAudience(claims.audience)
        .setExpirationTime(Math.floor(Date.now() / 1000) + expSecondsFromNow)
        .sign(privateKey);
    expect(await rejection(await sign(-60))).toMatch(/expired/);
    await expect(verifier.verify(await sign(-2))).resolves.toMatchObject({ sub: 'ana' });
  });

  it('remembers a verified token only while it is valid: once expired (beyond the tolerance) it is refused again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await issuer.issue({ sub: 'ana', scopes: ['campanas:read'], ttl: '30s' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'ana' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'ana' }); // from the cache
    vi.setSystemTime(Date.now() + 36_000); // 30 s of life + 5 s of tolerance have passed
    expect(await rejection(token)).toMatch(/expired/);
  });

  it('refuses the wrong issuer, the wrong audience, and a token without sub or exp', async () => {
    const other = createTokenIssuer({ key: { kind: 'private-key', key: privateKey }, issuer: 'https://evil.example', audience: claims.audience });
    expect(await rejection(await other.issueForRole('admin'))).toMatch(/iss/);
    const otherAudience = createTokenIssuer({ key: { kind: 'private-key', key: privateKey }, issuer: claims.issuer, audience: 'another-api' });
    expect(await rejection(await otherAudience.issueForRole('admin'))).toMatch(/aud/);
    const noExp = await new SignJWT({ scope: 'x' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('a')
      .setIssuer(claims.issuer)
      .setAudience(claims.audience)
      .sign(privateKey);
    expect(await rejection(noExp)).toMatch(/exp/);
  });

  it('refuses an afiliado_id that is not a UUID, and an Authorization value that is not Bearer', async () => {
    const token = await new SignJWT({ scope: 'self:read', afiliado_id: "1' OR '1'='1" })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('a')
      .setIssuer(claims.issuer)
      .setAudience(claims.audience)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await rejection(token)).toMatch(/afiliado_id/);
    await expect(verifier.verifyAuthorization('Basic YWRtaW46YWRtaW4=')).rejects.toThrow(/Bearer/);
    await expect(verifier.verifyAuthorization(undefined)).resolves.toEqual({ kind: 'anonymous' });
  });

  it('an HS256 secret verifies only HS256 (an RS/ES token with the right claims is refused)', async () => {
    const secret = new TextEncoder().encode('a-development-secret-of-at-least-32-bytes!');
    const hs = createTokenVerifier({ keys: { kind: 'secret', secret }, ...claims, clockToleranceSeconds: 0 });
    const good = await createTokenIssuer({ key: { kind: 'secret', secret }, ...claims }).issueForRole('integracion');
    await expect(hs.verify(good)).resolves.toMatchObject({ sub: 'integracion' });
    await expect(hs.verify(await issuer.issueForRole('integracion'))).rejects.toThrow(/algorithm/);
  });
});

describe('a remote JWKS: cached, refetched when the provider rotates its keys, unavailable is not unauthenticated', () => {
  let server: Server;
  let fetches = 0;
  let published: object[] = [];
  let url: string;
  const first = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const second = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = async (key: typeof first.publicKey, kid: string) => ({ ...(await exportJWK(key)), kid, alg: 'RS256', use: 'sig' });
  const signWith = (key: typeof first.privateKey, kid: string) =>
    new SignJWT({ scope: 'campanas:read' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('idp-user')
      .setIssuer(claims.issuer)
      .setAudience(claims.audience)
      .setExpirationTime('5m')
      .sign(key);

  beforeAll(async () => {
    published = [await jwk(first.publicKey, 'k1')];
    server = createServer((_request, response) => {
      fetches += 1;
      response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the set once for many tokens, then again for a key id it does not know', async () => {
    const jwks = createTokenVerifier({ keys: { kind: 'jwks', url, cooldownMs: 0 }, ...claims, clockToleranceSeconds: 5 });
    for (let i = 0; i < 3; i += 1) await expect(jwks.verify(await signWith(first.privateKey, 'k1'))).resolves.toMatchObject({ sub: 'idp-user' });
    expect(fetches).toBe(1);
    published = [await jwk(second.publicKey, 'k2')]; // the provider rotated
    await expect(jwks.verify(await signWith(second.privateKey, 'k2'))).resolves.toMatchObject({ sub: 'idp-user' });
    expect(fetches).toBe(2);
    await expect(jwks.verify(await hmacWithPublicKey(claims, second.publicKey))).rejects.toThrow(/algorithm/);
  });

  it('a provider that cannot be reached is SigningKeysUnavailable (HTTP 503), not a bad token', async () => {
    const down = createTokenVerifier({ keys: { kind: 'jwks', url: 'http://127.0.0.1:9/jwks.json', timeoutMs: 2_000 }, ...claims, clockToleranceSeconds: 5 });
    await expect(down.verify(await signWith(first.privateKey, 'k1'))).rejects.toBeInstanceOf(SigningKeysUnavailable);
  });
});
