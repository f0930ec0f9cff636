export { SCOPES, ALL_SCOPES, ROLES, isRole, parseScopeClaim, type Role, type Scope } from './scopes.js';
export {
  ANONYMOUS,
  GATEWAY_SERVICE,
  actorOf,
  authorizationView,
  forbidden,
  hasScope,
  isAdmin,
  rowScope,
  rowVisible,
  scopeView,
  unauthenticated,
  withinRowScope,
  type ActorClaims,
  type AnonymousIdentity,
  type GatewayServiceIdentity,
  type Identity,
  type RowScope,
  type UserIdentity,
} from './identity.js';
export {
  createTokenVerifier,
  algorithmsFor,
  SigningKeysUnavailable,
  TokenRejected,
  type TokenKeySource,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier.js';
export {
  createTokenIssuer,
  roleTokenProblems,
  signingAlgorithm,
  DEFAULT_TOKEN_TTL,
  type RoleTokenOptions,
  type SigningKey,
  type TokenClaims,
  type TokenIssuer,
} from './token-issuer.js';
export { developmentKeyFile, loadOrCreateDevelopmentKey, type DevelopmentKey } from './development-key.js';
export {
  SUBGRAPH_IDENTITY,
  SubgraphIdentitySigner,
  SubgraphIdentityVerifier,
  deriveSubgraphIdentitySecret,
  randomSubgraphIdentitySecret,
  subgraphIdentityVerifierFromEnvironment,
} from './subgraph-identity.js';
export {
  DEFAULT_AUDIENCE,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_ISSUER,
  ephemeralStackAuth,
  gatewayAuthOf,
  stackAuthOf,
  subgraphIdentitySecretOf,
  type AuthSettings,
  type StackAuth,
} from './auth-setup.js';
export {
  authEnvironmentFields,
  gatewayAuthEnvironmentProblems,
  gatewayAuthProblems,
  subgraphIdentityProblems,
  subgraphIdentityEnvironmentSchema,
} from './auth-environment.js';
export { AuthorizationRules, combine, denialOf, withoutAuthorizationDirectives, type Denial, type Requirement } from './graphql/authorization-rules.js';
export { removeDeniedFields, type DeniedField, type FilteredDocument } from './graphql/field-filter.js';
export { placeDeniedNulls, deniedFieldError, type DeniedNullsInput } from './graphql/denied-nulls.js';
export { subgraphAuthorizationGuard, type IdentifiedContext } from './graphql/subgraph-guard.js';
