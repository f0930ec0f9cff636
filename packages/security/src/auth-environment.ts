import { z } from 'zod';
import { MIN_SECRET_BYTES } from './subgraph-identity.js';
import type { AuthSettings } from './auth-setup.js';

const secret = (variable: string) =>
  z
    .string()
    .refine(
      (value) => Buffer.byteLength(value) >= MIN_SECRET_BYTES,
      `${variable} must be at least ${MIN_SECRET_BYTES} bytes (a 256-bit secret), e.g. openssl rand -base64 48`,
    );

/** Every AUTH_* setting and SUBGRAPH_IDENTITY_SECRET (README: configuration); which are required depends on the process. */
export const authEnvironmentFields = {
  /** An identity provider's JSON Web Key Set (cached; refetched for a key id it does not know: rotation). */
  AUTH_JWKS_URL: z.url().optional(),
  /** A PEM public key (RSA, EC or Ed25519) that verifies client tokens. */
  AUTH_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  /** The matching PEM private key: npm start and npm run token sign with it. */
  AUTH_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  /** HS256 secret for development: signs and verifies. */
  AUTH_JWT_SECRET: secret('AUTH_JWT_SECRET').optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Accepted clock skew on exp/nbf/iat, in seconds. */
  AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).optional(),
  /** HS256 secret the gateway signs each subgraph request's identity with; derived from AUTH_JWT_SECRET when unset. */
  SUBGRAPH_IDENTITY_SECRET: secret('SUBGRAPH_IDENTITY_SECRET').optional(),
};

type Issue = { message: string; path: string[] };

/** The gateway process: one way to verify tokens, issuer and audience for a JWKS, a subgraph identity secret. */
export function gatewayAuthProblems(settings: AuthSettings): Issue[] {
  const issues: Issue[] = [];
  const sources = (['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_JWT_SECRET'] as const).filter((name) => settings[name] !== undefined);
  if (sources.length !== 1) {
    issues.push({
      path: ['AUTH_JWKS_URL'],
      message:
        sources.length === 0
          ? 'set one of AUTH_JWKS_URL, AUTH_PUBLIC_KEY_FILE or AUTH_JWT_SECRET: how client tokens are verified'
          : `set only one of ${sources.join(', ')}`,
    });
  }
  if (settings.AUTH_JWKS_URL && (!settings.AUTH_ISSUER || !settings.AUTH_AUDIENCE)) {
    issues.push({
      path: ['AUTH_ISSUER'],
      message: 'with AUTH_JWKS_URL, set AUTH_ISSUER and AUTH_AUDIENCE (an identity provider signs tokens for many applications)',
    });
  }
  if (!settings.SUBGRAPH_IDENTITY_SECRET && !settings.AUTH_JWT_SECRET) {
    issues.push({
      path: ['SUBGRAPH_IDENTITY_SECRET'],
      message: 'set SUBGRAPH_IDENTITY_SECRET (the same on the gateway and every subgraph): the gateway signs each subgraph request with it',
    });
  }
  return issues;
}

/**
 * The gateway process's cross-field rules (gatewayAuthProblems) on the raw environment, as `VARIABLE: message` lines,
 * reported with the config schema's own problems in one message. Values the schema refuses are its to report.
 */
export function gatewayAuthEnvironmentProblems(environment: NodeJS.ProcessEnv): string[] {
  const settings = Object.fromEntries(Object.keys(authEnvironmentFields).map((name) => [name, environment[name] || undefined])) as AuthSettings;
  return gatewayAuthProblems(settings).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** A subgraph process: it only verifies the identities the gateway signs. */
export const subgraphIdentityEnvironmentSchema = z
  .object({ SUBGRAPH_IDENTITY_SECRET: authEnvironmentFields.SUBGRAPH_IDENTITY_SECRET, AUTH_JWT_SECRET: authEnvironmentFields.AUTH_JWT_SECRET })
  .refine((settings) => settings.SUBGRAPH_IDENTITY_SECRET || settings.AUTH_JWT_SECRET, {
    message: 'set SUBGRAPH_IDENTITY_SECRET (the same as the gateway), or AUTH_JWT_SECRET from which both derive it',
    path: ['SUBGRAPH_IDENTITY_SECRET'],
  });

/** Problems of a subgraph process's identity settings, in the `VARIABLE: message` form the process reports. */
export function subgraphIdentityProblems(environment: NodeJS.ProcessEnv): string[] {
  const result = subgraphIdentityEnvironmentSchema.safeParse(environment);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
}
