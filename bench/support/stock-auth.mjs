// Identity for the stock baseline, the way Apollo's documentation does it (a context function that reads the
// client's token; RemoteGraphQLDataSource.willSendRequest that adds headers to each subgraph request), doing the
// same work as our gateway, so that bench:query compares gateways and not security levels:
//   - the client's JWT is verified with jose against AUTH_PUBLIC_KEY_FILE (ES256, issuer, audience, exp): a bad token
//     is HTTP 401, no token runs without identity (the subgraphs then refuse every field);
//   - each subgraph request carries the identity the subgraphs require, signed with SUBGRAPH_IDENTITY_SECRET (HS256,
//     the claims @alpes/security's SubgraphIdentityVerifier reads); the client's own header is not forwarded;
//   - like ours, a verified token is remembered until it expires (at most 60 s) and a signed identity is reused for
//     half its life. STOCK_AUTH_CACHE=off verifies and signs on every request instead: what those caches save.
// Plain JavaScript (see stock-gateway.mjs): nothing of AlpesPartner's code, only the documented identity format.
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { jwtVerify, SignJWT } from 'jose';

const CLIENT_TOKENS = { issuer: 'alpespartner', audience: 'alpespartner-api', clockTolerance: 30 };
const SUBGRAPH_IDENTITY = { issuer: 'alpespartner-gateway', audience: 'alpespartner-subgraphs', maxTtlSeconds: 60 };
const CACHE_MAX_AGE_MS = 60_000;

const { AUTH_PUBLIC_KEY_FILE, SUBGRAPH_IDENTITY_SECRET } = process.env;
if (!AUTH_PUBLIC_KEY_FILE || !SUBGRAPH_IDENTITY_SECRET) throw new Error('AUTH_PUBLIC_KEY_FILE and SUBGRAPH_IDENTITY_SECRET are required');
const publicKey = createPublicKey(readFileSync(AUTH_PUBLIC_KEY_FILE, 'utf8'));
if (publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('AUTH_PUBLIC_KEY_FILE: the baseline verifies ES256 (a P-256 key)');
const subgraphSecret = new TextEncoder().encode(SUBGRAPH_IDENTITY_SECRET);
const caching = process.env.STOCK_AUTH_CACHE !== 'off';

/** token → { user, until } */
const verifiedTokens = new Map();
/** user → { header, renewAfter } */
const signedIdentities = new Map();

async function verifyClientToken(token) {
  const cached = caching ? verifiedTokens.get(token) : undefined;
  if (cached && cached.until > Date.now()) return cached.user;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, publicKey, { algorithms: ['ES256'], ...CLIENT_TOKENS, requiredClaims: ['sub', 'exp'] }));
  } catch (error) {
    throw new GraphQLError(`Not authenticated: ${error instanceof Error ? error.message : String(error)}`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  const user = {
    sub: payload.sub,
    scope: typeof payload.scope === 'string' ? payload.scope : '',
    afiliadoId: typeof payload.afiliado_id === 'string' ? payload.afiliado_id : undefined,
    exp: payload.exp,
  };
  if (caching) {
    if (verifiedTokens.size >= 10_000) verifiedTokens.clear();
    verifiedTokens.set(token, { user, until: Math.min(user.exp * 1000, Date.now() + CACHE_MAX_AGE_MS) });
  }
  return user;
}

/** ApolloServer's context function: `{ user }`, verified, or `{}` for a request without Authorization. */
export async function stockContext({ req }) {
  const header = req.headers.authorization;
  if (!header) return {};
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match)
    throw new GraphQLError('Not authenticated: the Authorization value must be "Bearer <JWT>"', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  return { user: await verifyClientToken(match[1]) };
}

async function identityHeaderFor(user) {
  const key = `${user.sub}\n${user.scope}\n${user.afiliadoId ?? ''}\n${user.exp}`;
  const cached = caching ? signedIdentities.get(key) : undefined;
  if (cached && cached.renewAfter > Date.now()) return cached.header;
  const now = Math.floor(Date.now() / 1000);
  const exp = Math.min(now + SUBGRAPH_IDENTITY.maxTtlSeconds, user.exp);
  const token = await new SignJWT({ kind: 'user', scope: user.scope, ...(user.afiliadoId ? { afiliado_id: user.afiliadoId } : {}), user_exp: user.exp })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.sub)
    .setIssuer(SUBGRAPH_IDENTITY.issuer)
    .setAudience(SUBGRAPH_IDENTITY.audience)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(subgraphSecret);
  const header = `Bearer ${token}`;
  if (caching) {
    if (signedIdentities.size >= 10_000) signedIdentities.clear();
    signedIdentities.set(key, { header, renewAfter: Date.now() + ((exp - now) * 1000) / 2 });
  }
  return header;
}

/** The stock data source (its default fetcher unless one is given) plus the signed identity of the operation's user. */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource {
  async willSendRequest({ request, context }) {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.delete('authorization');
    if (context?.user) headers.set('authorization', await identityHeaderFor(context.user));
  }
}
