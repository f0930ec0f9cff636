import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  GATEWAY_SERVICE,
  SubgraphIdentitySigner,
  SubgraphIdentityVerifier,
  createTokenVerifier,
  deriveSubgraphIdentitySecret,
  loadOrCreateDevelopmentKey,
  randomSubgraphIdentitySecret,
  stackAuthOf,
  type UserIdentity,
} from '../src/index.js';

const user = (expiresInMs: number): UserIdentity => ({
  kind: 'user',
  sub: 'ana',
  scopes: new Set(['self:read']),
  afiliadoId: '0190a000-0000-7000-8000-0000000000a1',
  expiresAt: new Date(Date.now() + expiresInMs),
});

describe('the identity the gateway signs for subgraphs', () => {
  const secret = randomSubgraphIdentitySecret();
  const signer = new SubgraphIdentitySigner(secret);
  const verifier = new SubgraphIdentityVerifier(secret);

  it('carries sub, scopes and afiliado_id; lives 60 s at most and never past the client token', async () => {
    const long = (await signer.authorizationFor(user(3_600_000)))!;
    expect(await verifier.identify(long)).toMatchObject({
      kind: 'user',
      sub: 'ana',
      afiliadoId: '0190a000-0000-7000-8000-0000000000a1',
      scopes: new Set(['self:read']),
    });
    const { exp, iat } = decodeJwt(long.replace('Bearer ', ''));
    expect(exp! - iat!).toBe(60);
    const short = (await signer.authorizationFor(user(10_000)))!;
    expect(decodeJwt(short.replace('Bearer ', '')).exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 10);
  });

  it('the gateway identity is its own kind; an anonymous caller gets none', async () => {
    expect(await verifier.identify(await signer.authorizationFor(GATEWAY_SERVICE))).toEqual(GATEWAY_SERVICE);
    expect(await signer.authorizationFor(ANONYMOUS)).toBeUndefined();
  });

  it('refuses (HTTP 401) no header, another secret, and a client token even when valid for the gateway', async () => {
    const refusal = (header: string | undefined) =>
      verifier.identify(header).then(
        () => 'accepted',
        (error: { extensions: Record<string, unknown> }) => error.extensions,
      );
    expect(await refusal(undefined)).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect(await refusal(await new SubgraphIdentitySigner(randomSubgraphIdentitySecret()).authorizationFor(user(60_000)))).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'alpes-auth-'));
    try {
      const stack = stackAuthOf({}, dataDir);
      expect(await refusal(`Bearer ${await stack.issuer!.issueForRole('admin')}`)).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('derives the same secret from the same AUTH_JWT_SECRET (gateway and subgraph processes agree), another from another', () => {
    const a = deriveSubgraphIdentitySecret('a-development-secret-of-at-least-32-bytes');
    expect(deriveSubgraphIdentitySecret('a-development-secret-of-at-least-32-bytes')).toEqual(a);
    expect(deriveSubgraphIdentitySecret('another-development-secret-of-32-bytes!!')).not.toEqual(a);
    expect(a).toHaveLength(32);
  });
});

describe('the development signing key in DATA_DIR', () => {
  const parent = mkdtempSync(join(tmpdir(), 'alpes-devkey-'));
  const dataDir = join(parent, 'data'); // created by the key, as on a first npm start
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('is created once, readable by its owner only, and the same key afterwards: npm start and npm run token agree', async () => {
    const first = loadOrCreateDevelopmentKey(dataDir);
    const second = loadOrCreateDevelopmentKey(dataDir);
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.keyId).toBe(first.keyId);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'auth')).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o055).not.toBe(0); // DATA_DIR itself stays traversable (the embedded PostgreSQL)
    const token = await stackAuthOf({}, dataDir).issuer!.issueForRole('marketing');
    const verified = await createTokenVerifier(stackAuthOf({}, dataDir).verification).verify(token);
    expect(verified.sub).toBe('marketing');
  });
});
