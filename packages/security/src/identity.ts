import { GraphQLError } from 'graphql';
import { ALL_SCOPES, SCOPES } from './scopes.js';

/** Who is asking: a verified user, nobody (no token), or the gateway itself (composition, readiness probes). */
export type Identity = UserIdentity | AnonymousIdentity | GatewayServiceIdentity;

export interface UserIdentity {
  readonly kind: 'user';
  readonly sub: string;
  readonly scopes: ReadonlySet<string>;
  /** Set for affiliate users: the afiliado whose rows they may read. */
  readonly afiliadoId: string | null;
  /** When the token stops being valid (live subscriptions end then). */
  readonly expiresAt: Date;
}

export interface AnonymousIdentity {
  readonly kind: 'anonymous';
}

/** The gateway's own calls to a subgraph: `_service` for composition and `__typename` for readiness, nothing else. */
export interface GatewayServiceIdentity {
  readonly kind: 'gateway';
}

export const ANONYMOUS: AnonymousIdentity = Object.freeze({ kind: 'anonymous' });
export const GATEWAY_SERVICE: GatewayServiceIdentity = Object.freeze({ kind: 'gateway' });

export function hasScope(identity: Identity, scope: string): boolean {
  return identity.kind === 'user' && identity.scopes.has(scope);
}

/**
 * What an identity may see of one kind of row: every row (it holds the broad read scope), only its own afiliado's
 * rows (`self:read` with an afiliado_id claim), or nothing. Subgraphs apply it to lists, counts, metrics and ids.
 */
export type RowScope = { readonly kind: 'all' } | { readonly kind: 'afiliado'; readonly afiliadoId: string } | { readonly kind: 'none' };

const ALL: RowScope = Object.freeze({ kind: 'all' });
const NONE: RowScope = Object.freeze({ kind: 'none' });

export function rowScope(identity: Identity, broadReadScope: string): RowScope {
  if (identity.kind !== 'user') return NONE;
  if (identity.scopes.has(broadReadScope)) return ALL;
  if (identity.scopes.has(SCOPES.selfRead) && identity.afiliadoId) return { kind: 'afiliado', afiliadoId: identity.afiliadoId };
  return NONE;
}

/** Whether a row owned by `afiliadoId` is visible within `scope`. */
export function rowVisible(scope: RowScope, afiliadoId: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'afiliado' && scope.afiliadoId === afiliadoId);
}

/**
 * A list filter narrowed to what `scope` sees: an affiliate user's own rows only (asking for another affiliate's gives
 * nothing). Undefined when nothing can match, so lists, counts and metrics are empty without a query.
 */
export function withinRowScope<Filter extends { afiliadoId?: string | undefined }>(filtro: Filter, scope: RowScope): Filter | undefined {
  if (scope.kind === 'all') return filtro;
  if (scope.kind === 'none' || (filtro.afiliadoId !== undefined && filtro.afiliadoId !== scope.afiliadoId)) return undefined;
  return { ...filtro, afiliadoId: scope.afiliadoId };
}

/** Who issued a command, as the envelope carries it: set from the verified identity, never from client input. */
export interface ActorClaims {
  sub: string;
  scopes: string[];
}

export function actorOf(identity: Identity): ActorClaims {
  if (identity.kind !== 'user') throw forbidden('only a signed-in user can issue commands');
  return { sub: identity.sub, scopes: [...identity.scopes].sort() };
}

/**
 * What decides what an identity may see: its scopes and its afiliado. Two identities with the same view see the
 * same data (the subscription hub shares hydrations per view); `sub` only matters for comando(correlationId).
 */
export function authorizationView(identity: Identity): string {
  if (identity.kind !== 'user') return identity.kind;
  let view = authorizationViews.get(identity);
  if (view === undefined) authorizationViews.set(identity, (view = `user|${[...identity.scopes].sort().join(' ')}|${identity.afiliadoId ?? ''}`));
  return view;
}

/**
 * The views of each identity, made once: an identity is immutable, and the gateway asks for them several times per
 * subgraph fetch (the signed identity's cache key, the fetch cache's partition, field authorization).
 */
const authorizationViews = new WeakMap<UserIdentity, string>();
const scopeViews = new WeakMap<UserIdentity, string>();

/** What field authorization depends on: what kind of caller, and which scopes (not the afiliado, not the subject). */
export function scopeView(identity: Identity): string {
  if (identity.kind !== 'user') return identity.kind;
  let view = scopeViews.get(identity);
  if (view === undefined) scopeViews.set(identity, (view = `user|${[...identity.scopes].sort().join(' ')}`));
  return view;
}

/** No valid identity: HTTP 401 at the door, or UNAUTHENTICATED on a field an anonymous caller asked for. */
export function unauthenticated(message: string, http?: { status: number }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', ...(http ? { http } : {}) } });
}

/** A valid identity without the right to this field or action. */
export function forbidden(message: string, http?: { status: number }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', ...(http ? { http } : {}) } });
}

/** The operator's identity: every scope of the admin role (what /status and the DLQ endpoints demand). */
export function isAdmin(identity: Identity): boolean {
  return identity.kind === 'user' && ALL_SCOPES.every((scope) => identity.scopes.has(scope));
}
