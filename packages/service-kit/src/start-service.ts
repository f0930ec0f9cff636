import { readFileSync } from 'node:fs';
import type { BaseContext } from '@apollo/server';
import { parse } from 'graphql';
import type { Bus } from '@alpes/messaging';
import { busStatsFor, ObservedBus, ServiceMetrics, traceBus } from '@alpes/observability';
import { startSubgraph, type GraphQLResolverMap, type RunningServiceServer } from '@alpes/platform';
import { AuthorizationRules, subgraphAuthorizationGuard, type Identity, type SubgraphIdentityVerifier } from '@alpes/security';
import { serviceObservability } from './service-observability.js';

interface DatabaseClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $disconnect(): Promise<void>;
}

export interface ServiceDefinition<Client extends DatabaseClient, Context extends BaseContext & { identity: Identity }> {
  service: string;
  port: number;
  bus: Bus;
  schemaFile: URL;
  resolvers: GraphQLResolverMap<Context>;
  createClient: (onStatement?: (sql: string) => void) => Client;
  /** Verifies the identity the gateway signed for each request: without one, HTTP 401 and nothing runs. */
  identity: SubgraphIdentityVerifier;
  createContext: (client: Client, bus: Bus, identity: Identity) => Context;
  startWorkers: (client: Client, bus: Bus) => Promise<{ stop(): Promise<void> }>;
  /** Run the workers and outbox relay in this process (default true). */
  workers?: boolean;
  onStatement?: (sql: string) => void;
}

/**
 * A service: its subgraph (queries and mutations) plus its workers and outbox relay, over its own database.
 * Workers get their own connection pool, so their load never starves queries (and tests count query SQL alone).
 * Closing stops HTTP first, then the workers (they finish and ack their message), then the pools.
 * Every request must carry the identity the gateway signed; the fields it reads are checked against the
 * @authenticated/@requiresScopes of the service's own schema (a second line behind the gateway's filter).
 */
export async function startService<Client extends DatabaseClient, Context extends BaseContext & { identity: Identity }>(
  definition: ServiceDefinition<Client, Context>,
): Promise<RunningServiceServer> {
  const client = definition.createClient(definition.onStatement);
  // this server's own registry (GET /metrics), fed by everything the service does on the bus
  const metrics = new ServiceMetrics(definition.service);
  const bus = new ObservedBus(traceBus(definition.bus), metrics, busStatsFor(definition.bus));
  const observability = serviceObservability({ service: definition.service, db: client, bus, metrics, identity: definition.identity });
  const workerClient = definition.workers === false ? undefined : definition.createClient();
  const workers = workerClient ? await definition.startWorkers(workerClient, bus) : undefined;
  return startSubgraph({
    service: definition.service,
    port: definition.port,
    schemaFile: definition.schemaFile,
    resolvers: definition.resolvers,
    createContext: async (request) => definition.createContext(client, bus, await definition.identity.identify(request.headers.authorization)),
    guards: [subgraphAuthorizationGuard<Context>(AuthorizationRules.fromDocuments(parse(readFileSync(definition.schemaFile, 'utf8'))))],
    readiness: [
      { name: 'database', check: async () => void (await client.$queryRawUnsafe('SELECT 1')) },
      {
        name: 'bus',
        check: async () => {
          if (!bus.isConnected()) throw new Error('message bus not connected');
        },
      },
    ],
    configure: observability.configure,
    onClose: async () => {
      await workers?.stop();
      await workerClient?.$disconnect();
      await client.$disconnect();
    },
  });
}
