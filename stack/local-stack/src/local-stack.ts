import { createAfiliadosPrisma, startAfiliadosSubgraph } from '@alpes/afiliados-subgraph';
import { createConversionesPrisma, startConversionesSubgraph } from '@alpes/conversiones-subgraph';
import { seedDemoData, type DemoSize, type SeedSummary } from '@alpes/demo-data';
import { startGateway, type GatewayOptions, type GatewayRuntimeSettings, type SubgraphEndpoint } from '@alpes/gateway';
import { createMarketingPrisma, startMarketingSubgraph } from '@alpes/marketing-subgraph';
import { MemoryBus, type Bus } from '@alpes/messaging';
import type { RunningServiceServer } from '@alpes/platform';
import { SubgraphIdentityVerifier, type RoleTokenOptions, type Role, type StackAuth } from '@alpes/security';
import { prepareDatabases, silently, type DatabaseOptions, type DatabaseUrls } from './databases.js';

export interface LocalStackPorts {
  gateway: number;
  afiliados: number;
  conversiones: number;
  marketing: number;
}

export interface LocalStackOptions extends Partial<Omit<DatabaseOptions, 'migrate'>> {
  ports?: Partial<LocalStackPorts>;
  /** Load the demo dataset when the databases are empty (default true). */
  seed?: boolean | DemoSize;
  /** Sees every SQL statement each subgraph's Prisma client issues (the N+1 test counts them). */
  onStatement?: (service: keyof DatabaseUrls, sql: string) => void;
  /** The message bus every component shares; default one in-process MemoryBus, created and closed by the stack. */
  bus?: Bus;
  /** GraphiQL on the gateway's GET /graphql for browsers (default true). */
  playground?: boolean;
  /** The gateway's operation safety settings (rate limit, deadline, CORS, variables' depth); npm start passes its environment's. */
  gateway?: GatewayRuntimeSettings;
  /** How the gateway verifies tokens, the subgraph identity secret, and (when the stack signs its own) who mints tokens. */
  auth: StackAuth;
  /** Trusted documents, the persisted queries store and the graphql-ws limits of the gateway. */
  gatewaySecurity?: Pick<GatewayOptions, 'trustedDocuments' | 'persistedQueriesMaxBytes' | 'websocketLimits'>;
}

export interface LocalStack {
  gatewayUrl: string;
  urls: Record<keyof LocalStackPorts, string>;
  databaseUrls: DatabaseUrls;
  seed?: SeedSummary;
  /** The one bus of this stack (the gateway's subscriptions read it). */
  bus: Bus;
  auth: StackAuth;
  /** A token this stack accepts, for a role of the README's table (throws when an external identity provider issues them). */
  token(role: Role, options?: RoleTokenOptions): Promise<string>;
  /** Stops one server (tests use it to take a subgraph down). */
  stopService(name: keyof LocalStackPorts): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_PORTS: LocalStackPorts = { gateway: 4000, afiliados: 4001, conversiones: 4002, marketing: 4003 };

/** Starts databases, the three subgraphs and the gateway in this process; stop() closes all of it, database included. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const phase = options.phase ?? silently;
  const databases = await prepareDatabases({
    dataDir: options.dataDir ?? '.data/postgres',
    postgresPort: options.postgresPort ?? 5433,
    migrate: true,
    phase,
    ...(options.urls ? { urls: options.urls } : {}),
  });
  const started: RunningServiceServer[] = [];
  const byName = new Map<keyof LocalStackPorts, RunningServiceServer>();
  const bus = options.bus ?? new MemoryBus();
  const stop = async () => {
    for (const server of [...started].reverse()) await server.close().catch(() => {});
    if (!options.bus) await bus.close();
    await databases.stop();
  };
  try {
    const seedSize = options.seed;
    const seed =
      seedSize === false
        ? undefined
        : await phase(
            'loading demo data (first start only)',
            () => seedOnce(databases.urls, seedSize === true ? undefined : seedSize),
            (summary) => (summary.seeded ? 'seeded' : 'already there'),
          );
    const statements = (service: keyof DatabaseUrls) => (options.onStatement ? (sql: string) => options.onStatement?.(service, sql) : undefined);
    const identity = new SubgraphIdentityVerifier(options.auth.subgraphIdentitySecret);
    const afiliados = await startAfiliadosSubgraph({
      databaseUrl: databases.urls.afiliados,
      port: ports.afiliados,
      bus,
      identity,
      onStatement: statements('afiliados'),
    });
    started.push(afiliados);
    byName.set('afiliados', afiliados);
    const conversiones = await startConversionesSubgraph({
      databaseUrl: databases.urls.conversiones,
      port: ports.conversiones,
      bus,
      identity,
      onStatement: statements('conversiones'),
    });
    started.push(conversiones);
    byName.set('conversiones', conversiones);
    const marketing = await startMarketingSubgraph({
      databaseUrl: databases.urls.marketing,
      port: ports.marketing,
      bus,
      identity,
      onStatement: statements('marketing'),
    });
    started.push(marketing);
    byName.set('marketing', marketing);
    const subgraphs: SubgraphEndpoint[] = [
      { name: 'afiliados', url: afiliados.url },
      { name: 'conversiones', url: conversiones.url },
      { name: 'marketing', url: marketing.url },
    ];
    const gateway = await startGateway({
      port: ports.gateway,
      supergraph: { kind: 'subgraphs', subgraphs },
      auth: options.auth,
      bus,
      ...(options.playground === undefined ? {} : { playground: options.playground }),
      ...options.gatewaySecurity,
      ...options.gateway,
    });
    started.push(gateway);
    byName.set('gateway', gateway);
    return {
      gatewayUrl: gateway.url,
      urls: { gateway: gateway.url, afiliados: afiliados.url, conversiones: conversiones.url, marketing: marketing.url },
      databaseUrls: databases.urls,
      bus,
      auth: options.auth,
      token(role, tokenOptions) {
        if (!options.auth.issuer)
          return Promise.reject(new Error(`this stack does not sign tokens (${options.auth.description}): get one from the identity provider`));
        return options.auth.issuer.issueForRole(role, tokenOptions);
      },
      ...(seed ? { seed } : {}),
      async stopService(name) {
        const server = byName.get(name);
        if (!server) return;
        started.splice(started.indexOf(server), 1);
        await server.close();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function seedOnce(urls: DatabaseUrls, size: DemoSize | undefined): Promise<SeedSummary> {
  const clients = {
    afiliados: createAfiliadosPrisma(urls.afiliados),
    conversiones: createConversionesPrisma(urls.conversiones),
    marketing: createMarketingPrisma(urls.marketing),
  };
  try {
    return await seedDemoData(clients, size);
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.$disconnect()));
  }
}
