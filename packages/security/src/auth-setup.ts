import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadOrCreateDevelopmentKey } from './development-key.js';
import { deriveSubgraphIdentitySecret, randomSubgraphIdentitySecret } from './subgraph-identity.js';
import { createTokenIssuer, type SigningKey, type TokenIssuer } from './token-issuer.js';
import type { TokenKeySource, TokenVerifierOptions } from './token-verifier.js';

export const DEFAULT_ISSUER = 'alpespartner';
export const DEFAULT_AUDIENCE = 'alpespartner-api';
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** How a stack authenticates: how the gateway verifies client tokens, the subgraph identity secret, and who mints tokens. */
export interface StackAuth {
  verification: TokenVerifierOptions;
  subgraphIdentitySecret: Uint8Array;
  /** Mints tokens this stack accepts; absent when an external identity provider issues them (AUTH_JWKS_URL, AUTH_PUBLIC_KEY_FILE). */
  issuer?: TokenIssuer;
  /** The key `issuer` signs with (tests forge tokens with chosen claims from it). */
  signingKey?: SigningKey;
  /** Where the keys come from, in words (npm start prints it). */
  description: string;
}

/** The AUTH_* settings, already validated (see authEnvironmentFields). */
export interface AuthSettings {
  AUTH_JWKS_URL?: string | undefined;
  AUTH_PUBLIC_KEY_FILE?: string | undefined;
  AUTH_PRIVATE_KEY_FILE?: string | undefined;
  AUTH_JWT_SECRET?: string | undefined;
  AUTH_ISSUER?: string | undefined;
  AUTH_AUDIENCE?: string | undefined;
  AUTH_CLOCK_TOLERANCE_S?: number | undefined;
  SUBGRAPH_IDENTITY_SECRET?: string | undefined;
}

const encode = (text: string) => new TextEncoder().encode(text);

function readKeyFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${variable}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

function claims(settings: AuthSettings) {
  return {
    issuer: settings.AUTH_ISSUER ?? DEFAULT_ISSUER,
    audience: settings.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE,
    clockToleranceSeconds: settings.AUTH_CLOCK_TOLERANCE_S ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
  };
}

/** The subgraph identity secret: SUBGRAPH_IDENTITY_SECRET, else derived from AUTH_JWT_SECRET, else `fallback`. */
export function subgraphIdentitySecretOf(settings: AuthSettings, fallback?: () => Uint8Array): Uint8Array {
  if (settings.SUBGRAPH_IDENTITY_SECRET) return encode(settings.SUBGRAPH_IDENTITY_SECRET);
  if (settings.AUTH_JWT_SECRET) return deriveSubgraphIdentitySecret(settings.AUTH_JWT_SECRET);
  if (fallback) return fallback();
  throw new Error('set SUBGRAPH_IDENTITY_SECRET (or AUTH_JWT_SECRET, from which it is derived)');
}

/** The gateway process: exactly one verification key source (the config schema checked that). */
export function gatewayAuthOf(settings: AuthSettings, fallbackSubgraphSecret?: () => Uint8Array): Omit<StackAuth, 'issuer'> {
  let keys: TokenKeySource;
  let description: string;
  if (settings.AUTH_JWKS_URL) {
    keys = { kind: 'jwks', url: settings.AUTH_JWKS_URL };
    description = `tokens verified with the JWKS at ${settings.AUTH_JWKS_URL}`;
  } else if (settings.AUTH_PUBLIC_KEY_FILE) {
    keys = { kind: 'public-key', key: createPublicKey(readKeyFile('AUTH_PUBLIC_KEY_FILE', settings.AUTH_PUBLIC_KEY_FILE)) };
    description = `tokens verified with the public key in ${settings.AUTH_PUBLIC_KEY_FILE}`;
  } else if (settings.AUTH_JWT_SECRET) {
    keys = { kind: 'secret', secret: encode(settings.AUTH_JWT_SECRET) };
    description = 'HS256 tokens signed with AUTH_JWT_SECRET';
  } else {
    throw new Error('set one of AUTH_JWKS_URL, AUTH_PUBLIC_KEY_FILE or AUTH_JWT_SECRET');
  }
  return { verification: { keys, ...claims(settings) }, subgraphIdentitySecret: subgraphIdentitySecretOf(settings, fallbackSubgraphSecret), description };
}

/**
 * `npm start` and `npm run token`: AUTH_JWT_SECRET (HS256) or AUTH_PRIVATE_KEY_FILE when set, an external identity
 * provider when AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE is set (no tokens minted here), otherwise the development key
 * in DATA_DIR, created on first use. The subgraphs run in the same process, so their identity secret may be random.
 */
export function stackAuthOf(settings: AuthSettings, dataDir: string): StackAuth {
  const claimSettings = claims(settings);
  const sign = (key: SigningKey) => createTokenIssuer({ key, issuer: claimSettings.issuer, audience: claimSettings.audience });
  if (settings.AUTH_JWT_SECRET) {
    const signingKey: SigningKey = { kind: 'secret', secret: encode(settings.AUTH_JWT_SECRET) };
    return { ...gatewayAuthOf(settings), issuer: sign(signingKey), signingKey };
  }
  if (settings.AUTH_PRIVATE_KEY_FILE) {
    const privateKey = createPrivateKey(readKeyFile('AUTH_PRIVATE_KEY_FILE', settings.AUTH_PRIVATE_KEY_FILE));
    const signingKey: SigningKey = { kind: 'private-key', key: privateKey };
    return {
      signingKey,
      verification: { keys: { kind: 'public-key', key: createPublicKey(privateKey) }, ...claimSettings },
      subgraphIdentitySecret: subgraphIdentitySecretOf(settings, randomSubgraphIdentitySecret),
      issuer: sign(signingKey),
      description: `tokens signed with the private key in ${settings.AUTH_PRIVATE_KEY_FILE}`,
    };
  }
  if (settings.AUTH_JWKS_URL || settings.AUTH_PUBLIC_KEY_FILE) {
    return gatewayAuthOf(settings, randomSubgraphIdentitySecret);
  }
  const key = loadOrCreateDevelopmentKey(dataDir);
  const signingKey: SigningKey = { kind: 'private-key', key: key.privateKey, keyId: key.keyId };
  return {
    signingKey,
    verification: { keys: { kind: 'public-key', key: key.publicKey }, ...claimSettings },
    subgraphIdentitySecret: subgraphIdentitySecretOf(settings, randomSubgraphIdentitySecret),
    issuer: sign(signingKey),
    description: `development signing key ${key.file}${key.created ? ' (created now)' : ''}`,
  };
}

/** A stack of its own for tests: a fresh ES256 key in memory, a random subgraph secret, a tight clock tolerance. */
export function ephemeralStackAuth(options: { clockToleranceSeconds?: number } = {}): StackAuth {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signingKey: SigningKey = { kind: 'private-key', key: privateKey, keyId: `test-${randomUUID()}` };
  return {
    signingKey,
    verification: {
      keys: { kind: 'public-key', key: publicKey },
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
      clockToleranceSeconds: options.clockToleranceSeconds ?? 1,
    },
    subgraphIdentitySecret: randomSubgraphIdentitySecret(),
    issuer: createTokenIssuer({ key: signingKey, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE }),
    description: 'an ephemeral test key',
  };
}
