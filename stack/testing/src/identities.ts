// Identities for tests that call a subgraph directly: the subgraph verifies the identity the gateway would sign,
// so a test signs it with a secret of its own (the subgraph is started with the matching verifier).
import type { Actor } from '@alpes/contracts';
import {
  ROLES,
  SubgraphIdentitySigner,
  SubgraphIdentityVerifier,
  randomSubgraphIdentitySecret,
  type Identity,
  type Role,
  type UserIdentity,
} from '@alpes/security';

/** A verified user of `role` (its scopes from the roles table), valid for an hour. */
export function userOfRole(role: Role, options: { afiliadoId?: string; sub?: string } = {}): UserIdentity {
  return {
    kind: 'user',
    sub: options.sub ?? (options.afiliadoId ? `afiliado:${options.afiliadoId}` : `test-${role}`),
    scopes: new Set(ROLES[role]),
    afiliadoId: options.afiliadoId ?? null,
    expiresAt: new Date(Date.now() + 3_600_000),
  };
}

/** The actor a test command carries (commands without one are refused by every worker). */
export const TEST_ACTOR: Actor = { sub: 'test-admin', scopes: [...ROLES.admin] };

/** The gateway's side of a subgraph's identity check, for tests that talk to a subgraph directly. */
export class TestGatewayIdentity {
  readonly #secret = randomSubgraphIdentitySecret();
  /** Give this to the subgraph under test (`identity` option). */
  readonly verifier = new SubgraphIdentityVerifier(this.#secret);
  readonly #signer = new SubgraphIdentitySigner(this.#secret);

  /** The Authorization header the gateway would send for `identity` (admin by default). */
  async authorization(identity: Identity = userOfRole('admin')): Promise<string | undefined> {
    return this.#signer.authorizationFor(identity);
  }
}
