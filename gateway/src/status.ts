import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { StatusAccess } from '@alpes/observability';
import { isAdmin, type Identity, type SubgraphIdentitySigner, type TokenVerifier } from '@alpes/security';
import type { SubgraphEndpoint } from './composition/subgraph-list.js';

export interface GatewayStatusSources {
  subgraphs: () => SubgraphEndpoint[];
  supergraphSdl: () => string | undefined;
  activeSubscriptions: () => number;
  openBusReaders: () => number;
  busConnected: () => boolean | undefined;
  identities: SubgraphIdentitySigner;
}

const identities = new WeakMap<Request, Identity>();

/** /status on the gateway: an admin token (the same verification as /graphql) or 401/403. */
export function gatewayStatusAccess(verifier: TokenVerifier) {
  return async (request: Request): Promise<StatusAccess> => {
    if (!request.headers.authorization) return { allowed: false, status: 401, message: 'an admin token is required' };
    const identity = await verifier.verifyAuthorization(request.headers.authorization);
    if (!isAdmin(identity)) return { allowed: false, status: 403, message: 'only an admin identity may read /status' };
    identities.set(request, identity);
    return { allowed: true };
  };
}

/**
 * The gateway's /status: its subgraphs (each one's own /status, read with the caller's admin identity signed for
 * the subgraph, as any subgraph request), the supergraph's hash, open subscriptions and bus readers.
 */
export async function gatewayStatus(sources: GatewayStatusSources, admin: Identity): Promise<Record<string, unknown>> {
  const sdl = sources.supergraphSdl();
  const authorization = await sources.identities.authorizationFor(admin);
  const subgraphs = await Promise.all(
    sources.subgraphs().map(async ({ name, url }) => {
      const statusUrl = new URL('/status', url).toString();
      try {
        const response = await fetch(statusUrl, { headers: authorization ? { authorization } : {}, signal: AbortSignal.timeout(5_000) });
        const body: unknown = await response.json().catch(() => null);
        return { name, url, reachable: true, ...(response.ok ? { status: body } : { error: `HTTP ${response.status}` }) };
      } catch (error) {
        return { name, url, reachable: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return {
    service: 'gateway',
    schemaHash: sdl ? createHash('sha256').update(sdl).digest('hex') : null,
    subgraphs,
    subscriptions: { active: sources.activeSubscriptions() },
    bus: { connected: sources.busConnected() ?? null, openReaders: sources.openBusReaders() },
  };
}

/** The identity gatewayStatusAccess verified for this request. */
export function adminOf(request: Request): Identity | undefined {
  return identities.get(request);
}
