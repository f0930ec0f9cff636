// The identity setup every bench process shares, in production's shape: an identity provider's ES256 key pair (the
// bench holds the private key and mints the clients' tokens; the servers get only the public key file) and the
// SUBGRAPH_IDENTITY_SECRET the gateways sign each subgraph request's identity with. Handed to the bench's processes
// as environment variables, as a deployment would set them.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, ROLES, SubgraphIdentitySigner, createTokenIssuer, type Identity, type Role } from '@alpes/security';

export interface BenchAuth {
  /** AUTH_PUBLIC_KEY_FILE, AUTH_PRIVATE_KEY_FILE (read by the stack process only) and SUBGRAPH_IDENTITY_SECRET. */
  environment: { AUTH_PUBLIC_KEY_FILE: string; AUTH_PRIVATE_KEY_FILE: string; SUBGRAPH_IDENTITY_SECRET: string };
  /** `Bearer <token>` for a role of the README's table (8 h: longer than any run); `sub` names the user (default: the role). */
  authorization(role: Role, sub?: string): Promise<string>;
  /** `Bearer <identity>` as a gateway signs it for a user of `role`, for a baseline that calls a subgraph directly (valid 30–60 s: ask again, it is cached). */
  subgraphAuthorization(role: Role): Promise<string>;
  remove(): void;
}

export function createBenchAuth(): BenchAuth {
  const directory = mkdtempSync(join(tmpdir(), 'alpes-bench-auth-'));
  chmodSync(directory, 0o700);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const environment = {
    AUTH_PUBLIC_KEY_FILE: join(directory, 'public.pem'),
    AUTH_PRIVATE_KEY_FILE: join(directory, 'private.pem'),
    SUBGRAPH_IDENTITY_SECRET: randomBytes(36).toString('base64url'),
  };
  writeFileSync(environment.AUTH_PUBLIC_KEY_FILE, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o600 });
  writeFileSync(environment.AUTH_PRIVATE_KEY_FILE, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const issuer = createTokenIssuer({ key: { kind: 'private-key', key: privateKey }, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
  const signer = new SubgraphIdentitySigner(new TextEncoder().encode(environment.SUBGRAPH_IDENTITY_SECRET));
  const userExpiresAt = new Date(Date.now() + 8 * 3_600_000); // fixed: the signer reuses an identity for half its life
  return {
    environment,
    authorization: async (role, sub) => `Bearer ${await issuer.issueForRole(role, { ttl: '8h', ...(sub ? { sub } : {}) })}`,
    subgraphAuthorization: async (role) => {
      const identity: Identity = { kind: 'user', sub: role, scopes: new Set(ROLES[role]), afiliadoId: null, expiresAt: userExpiresAt };
      return (await signer.authorizationFor(identity))!;
    },
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
