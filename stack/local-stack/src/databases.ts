import { applyMigrations, startEmbeddedPostgres, SERVICE_DATABASES, type ServiceName } from '@alpes/database';

export type DatabaseUrls = Record<ServiceName, string>;

export interface PreparedDatabases {
  urls: DatabaseUrls;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  /** Use these databases (real PostgreSQL); otherwise start the embedded server. */
  urls?: DatabaseUrls;
  dataDir: string;
  postgresPort: number;
  migrate: boolean;
  /** Reports each long step (starting the server, migrating) as a phase; default: runs it silently. */
  phase?: PhaseRunner;
}

/** Runs one long step of start-up under a label (npm start prints a line per phase with its duration). */
export type PhaseRunner = <T>(label: string, work: () => Promise<T>, describe?: (result: T) => string | undefined) => Promise<T>;

export const silently: PhaseRunner = (_label, work) => work();

/** The three service databases: given URLs, or an embedded PostgreSQL in a git-ignored folder; migrated when asked. */
export async function prepareDatabases(options: DatabaseOptions): Promise<PreparedDatabases> {
  const phase = options.phase ?? silently;
  let urls = options.urls;
  let stop = async () => {};
  if (!urls) {
    const server = await phase(`starting embedded PostgreSQL on port ${options.postgresPort} (creates the databases on first start)`, () =>
      startEmbeddedPostgres({ dataDir: options.dataDir, port: options.postgresPort, databases: [...SERVICE_DATABASES] }),
    );
    urls = Object.fromEntries(SERVICE_DATABASES.map((service) => [service, server.urlFor(service)])) as DatabaseUrls;
    stop = () => server.stop();
  }
  try {
    if (options.migrate) {
      const databaseUrls = urls;
      await phase(
        'applying migrations',
        async () => {
          const applied: string[] = [];
          for (const service of SERVICE_DATABASES) applied.push(...(await applyMigrations({ service, url: databaseUrls[service] })).applied);
          return applied.length;
        },
        (count) => (count > 0 ? `${count} applied` : 'up to date'),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, embedded: !options.urls, stop };
}
