// The production shape in tests: every service in its own OS process, started the way the README documents
// (`npm run start -w subgraphs/<name>`, `npm run start -w gateway`), on fresh databases of the machine's PostgreSQL
// and a real Apache Pulsar broker. Each process's output is kept for failure messages; everything is stopped and
// removed afterwards (SIGTERM, then SIGKILL to the process group).
import { randomBytes } from 'node:crypto';
import { SERVICE_DATABASES, databaseUrlEnvName, type ServiceName } from '@alpes/database';
import { createTokenIssuer, DEFAULT_AUDIENCE, DEFAULT_ISSUER, type Role, type RoleTokenOptions, type SigningKey } from '@alpes/security';
import { freePort } from '../free-port.js';
import { POSTGRES_SERVER_URL, createFreshDatabases, migrateWithNpm, type DatabaseUrls } from './fresh-databases.js';
import { ManagedProcess, childEnvironment } from './managed-process.js';
import { PULSAR_SERVICE_URL, PULSAR_WEB_URL, assertBrokerReachable, createPulsarNamespace } from './pulsar-namespace.js';

export type ProcessName = ServiceName | 'gateway';

export interface ProcessStackOptions {
  /** 'db:migrate' runs `npm run db:migrate` first; 'on-start' sets MIGRATE_ON_START=true on each subgraph. Default 'db:migrate'. */
  migrate?: 'db:migrate' | 'on-start';
  /** Extra environment per process (e.g. SHUTDOWN_TIMEOUT_MS). */
  env?: Partial<Record<ProcessName | 'all', Record<string, string>>>;
  /** LOG_LEVEL of every process (default info: the output is only shown when something fails). */
  logLevel?: string;
  /** PULSAR_CLIENT of every process: the Pulsar transport under test (default: this process's PULSAR_CLIENT, else auto). */
  pulsarClient?: 'websocket' | 'native' | 'auto';
}

export interface ProcessStack {
  gatewayUrl: string;
  urls: Record<ProcessName, string>;
  ports: Record<ProcessName, number>;
  databases: DatabaseUrls;
  pulsarNamespace: string;
  processes: Record<ProcessName, ManagedProcess>;
  /** The AUTH_JWT_SECRET every process shares (HS256: the gateway verifies with it, every process derives the subgraph identity secret from it). */
  authJwtSecret: string;
  /** The same secret as a signing key (tests forge tokens with chosen claims). */
  signingKey: SigningKey;
  /** A token the stack's gateway accepts. */
  token(role: Role, options?: RoleTokenOptions): Promise<string>;
  /** An admin's Authorization header ("Bearer …"). */
  admin: string;
  /** Starts a stopped process again (same port, same environment) and waits until it is ready. */
  restart(name: ProcessName): Promise<void>;
  /** The last lines of every process's output. */
  describe(lines?: number): string;
  /** Stops every process (SIGTERM, SIGKILL fallback), drops the databases, removes the Pulsar namespace. */
  stop(): Promise<void>;
}

const SUBGRAPHS: readonly ServiceName[] = SERVICE_DATABASES;

/**
 * Fresh databases, a Pulsar namespace of its own, each subgraph as `npm run start -w subgraphs/<name>` on a free port
 * (PORT, <SERVICE>_DATABASE_URL, BUS=pulsar, PULSAR_*), then `npm run start -w gateway` (AFILIADOS_URL…), ready when
 * the gateway's /ready answers 200.
 */
export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  await assertBrokerReachable();
  const cleanups: (() => Promise<void>)[] = [];
  const processes = {} as Record<ProcessName, ManagedProcess>;
  const stopAll = async () => {
    await Promise.all(Object.values(processes).map((managed) => managed.stop().catch(() => managed.kill())));
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn('cleanup failed:', error));
    cleanups.length = 0;
  };
  try {
    const databases = await createFreshDatabases(POSTGRES_SERVER_URL); // the machine's server: the production shape
    cleanups.push(databases.drop);
    const pulsar = await createPulsarNamespace();
    cleanups.push(pulsar.remove);
    if ((options.migrate ?? 'db:migrate') === 'db:migrate') await migrateWithNpm(databases.urls);

    const ports = {
      afiliados: await freePort(),
      conversiones: await freePort(),
      marketing: await freePort(),
      gateway: await freePort(),
    } satisfies Record<ProcessName, number>;
    const urls = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, `http://localhost:${port}/graphql`])) as Record<ProcessName, string>;
    const authJwtSecret = randomBytes(36).toString('base64');
    const signingKey: SigningKey = { kind: 'secret', secret: new TextEncoder().encode(authJwtSecret) };
    const issuer = createTokenIssuer({ key: signingKey, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
    const common = {
      AUTH_JWT_SECRET: authJwtSecret,
      // a second of clock skew: a test's short-lived token expires (and its subscriptions close) promptly
      AUTH_CLOCK_TOLERANCE_S: '1',
      BUS: 'pulsar',
      PULSAR_WEB_URL,
      PULSAR_SERVICE_URL,
      PULSAR_TENANT: 'public',
      PULSAR_NAMESPACE: pulsar.namespace,
      PULSAR_CLIENT: options.pulsarClient ?? (process.env.PULSAR_CLIENT?.trim() || 'auto'),
      LOG_LEVEL: options.logLevel ?? 'info',
      ...options.env?.all,
    };
    for (const service of SUBGRAPHS) {
      processes[service] = new ManagedProcess(
        service,
        'npm',
        ['run', 'start', '-w', `subgraphs/${service}`],
        childEnvironment({
          ...common,
          PORT: String(ports[service]),
          [databaseUrlEnvName(service)]: databases.urls[service],
          ...(options.migrate === 'on-start' ? { MIGRATE_ON_START: 'true' } : {}),
          ...options.env?.[service],
        }),
      );
    }
    processes.gateway = new ManagedProcess(
      'gateway',
      'npm',
      ['run', 'start', '-w', 'gateway'],
      childEnvironment({
        ...common,
        PORT: String(ports.gateway),
        AFILIADOS_URL: urls.afiliados,
        CONVERSIONES_URL: urls.conversiones,
        MARKETING_URL: urls.marketing,
        ...options.env?.gateway,
      }),
    );
    const readyUrl = (name: ProcessName) => `http://127.0.0.1:${ports[name]}/ready`;

    for (const service of SUBGRAPHS) processes[service].start();
    await Promise.all(SUBGRAPHS.map((service) => processes[service].waitForReady(readyUrl(service))));
    processes.gateway.start();
    await processes.gateway.waitForReady(readyUrl('gateway'));

    const stack: ProcessStack = {
      gatewayUrl: urls.gateway,
      urls,
      ports,
      databases: databases.urls,
      pulsarNamespace: pulsar.namespace,
      processes,
      authJwtSecret,
      signingKey,
      token: (role, tokenOptions) => issuer.issueForRole(role, tokenOptions),
      admin: `Bearer ${await issuer.issueForRole('admin', { ttl: '12h' })}`,
      async restart(name) {
        const managed = processes[name];
        if (managed.running) throw new Error(`${name} is still running`);
        managed.start();
        await managed.waitForReady(readyUrl(name));
      },
      describe: (lines) =>
        Object.values(processes)
          .map((managed) => managed.describe(lines))
          .join('\n'),
      stop: stopAll,
    };
    return stack;
  } catch (error) {
    const outputs = Object.values(processes)
      .map((managed) => managed.describe())
      .join('\n');
    await stopAll();
    if (error instanceof Error && outputs && !error.message.includes('---')) error.message += `\n${outputs}`;
    throw error;
  }
}
