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
}

/** The three service databases: given URLs, or an embedded PostgreSQL in a git-ignored folder; migrated when asked. */
export async function prepareDatabases(options: DatabaseOptions): Promise<PreparedDatabases> {
  let urls = options.urls;
  let stop = async () => {};
  if (!urls) {
    const server = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.postgresPort, databases: [...SERVICE_DATABASES] });
    urls = Object.fromEntries(SERVICE_DATABASES.map((service) => [service, server.urlFor(service)])) as DatabaseUrls;
    stop = () => server.stop();
  }
  try {
    if (options.migrate) {
      for (const service of SERVICE_DATABASES) await applyMigrations({ service, url: urls[service] });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, embedded: !options.urls, stop };
}
