/**
 * The scopes of AlpesPartner's API (OAuth 2 style, space-separated in the token's `scope` claim). Each subgraph's
 * SDL names the scopes a field needs with @requiresScopes; roles are presets of them.
 */
export const SCOPES = {
  afiliadosRead: 'afiliados:read',
  afiliadosWrite: 'afiliados:write',
  campanasRead: 'campanas:read',
  campanasWrite: 'campanas:write',
  comisionesRead: 'comisiones:read',
  comisionesWrite: 'comisiones:write',
  conversionesRead: 'conversiones:read',
  conversionesWrite: 'conversiones:write',
  /** Comision.historial and Campana.historial: who changed what, when and why. */
  historialRead: 'historial:read',
  /** Follow any identity's command with comando(correlationId); without it, only one's own. */
  comandosRead: 'comandos:read',
  /** An affiliate user: reads only the rows of the afiliado named by its token's afiliado_id claim. */
  selfRead: 'self:read',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPES);

/** The roles `npm run token` issues: presets of scopes (the README's table). */
export const ROLES = {
  /** Everything, including following anyone's commands. */
  admin: ALL_SCOPES,
  /** Runs campaigns and commissions, manages affiliates, reads conversions and every history. */
  marketing: [
    SCOPES.afiliadosRead,
    SCOPES.afiliadosWrite,
    SCOPES.campanasRead,
    SCOPES.campanasWrite,
    SCOPES.comisionesRead,
    SCOPES.comisionesWrite,
    SCOPES.conversionesRead,
    SCOPES.historialRead,
  ],
  /** An affiliate: its own Afiliado, conversiones, comisiones and assigned campaigns, read only (needs afiliado_id). */
  afiliado: [SCOPES.selfRead],
  /** A sales system: registrarConversion only. */
  integracion: [SCOPES.conversionesWrite],
} as const satisfies Record<string, readonly Scope[]>;

export type Role = keyof typeof ROLES;

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

/** The `scope` claim: space-separated, order and duplicates ignored. */
export function parseScopeClaim(claim: unknown): ReadonlySet<string> {
  if (typeof claim !== 'string') return new Set();
  return new Set(claim.split(' ').filter((scope) => scope.length > 0));
}
