import type { Express } from 'express';
import { mountObservabilityEndpoints, type ObservedBus, type ServiceMetrics, type StatusAccess } from '@alpes/observability';
import { isAdmin, type SubgraphIdentityVerifier } from '@alpes/security';
import { readOutboxState } from '@alpes/transactional-messaging';

interface StatusDatabase {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

async function appliedMigrations(db: StatusDatabase): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name',
  );
  return rows.map((row) => row.name);
}

/**
 * A service's /metrics and /status. Outbox gauges are read from the service's database at each scrape. /status
 * answers an admin identity only: the identity the gateway signed (a subgraph trusts nothing else), so an
 * operator reads it through the gateway's /status, or with a gateway-signed admin identity.
 */
export function serviceObservability(options: {
  service: string;
  db: StatusDatabase;
  bus: ObservedBus;
  metrics: ServiceMetrics;
  identity: SubgraphIdentityVerifier;
}) {
  const { service, db, bus, metrics } = options;
  metrics.onCollect(async () => {
    const outbox = await readOutboxState(db);
    metrics.outboxPendingRows.set({ service }, outbox.pendingRows);
    metrics.outboxOldestPendingSeconds.set({ service }, outbox.oldestPendingSeconds);
  });
  const status = async () => {
    const [outbox, consumers, migrations] = await Promise.all([
      readOutboxState(db).catch((error: unknown) => ({ error: String(error) })),
      bus.consumerStatus(),
      appliedMigrations(db).catch((error: unknown) => ({ error: String(error) })),
    ]);
    const lastPublish = bus.lastRelayPublish;
    return {
      service,
      bus: { connected: bus.isConnected() },
      outbox,
      relay: { lastPublishAt: lastPublish?.at.toISOString() ?? null, lastBatchSize: lastPublish?.messages ?? 0 },
      consumers,
      migrations: Array.isArray(migrations) ? { applied: migrations.length, names: migrations } : migrations,
    };
  };
  const authorizeStatus = async (request: { headers: { authorization?: string | undefined } }): Promise<StatusAccess> => {
    if (!request.headers.authorization) return { allowed: false, status: 401, message: 'an admin identity is required' };
    const identity = await options.identity.identify(request.headers.authorization);
    return isAdmin(identity) ? { allowed: true } : { allowed: false, status: 403, message: 'only an admin identity may read /status' };
  };
  return {
    status,
    configure: (app: Express) => mountObservabilityEndpoints(app, { metrics, status, authorizeStatus }),
  };
}
