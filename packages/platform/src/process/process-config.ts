import { ConfigurationError, env, loadConfig, z } from '../config.js';

/** How long a process may take to shut down gracefully before it exits anyway (SHUTDOWN_TIMEOUT_MS). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20_000;

/** SHUTDOWN_TIMEOUT_MS as a config field: a whole number of milliseconds, at least 1, default 20 000. */
export const shutdownTimeoutField = () => z.coerce.number().int().min(1).default(DEFAULT_SHUTDOWN_TIMEOUT_MS);

/**
 * The environment of a subgraph process (`npm run start -w subgraphs/<service>`): PORT, <SERVICE>_DATABASE_URL
 * (required), MIGRATE_ON_START and SHUTDOWN_TIMEOUT_MS. The bus variables are checked beside it (see runSubgraphProcess).
 */
export function subgraphProcessConfigSchema(service: string, defaultPort: number) {
  return z.object({
    PORT: env.port(defaultPort),
    [databaseUrlVariable(service)]: env.postgresUrl(),
    MIGRATE_ON_START: env.boolean(false),
    SHUTDOWN_TIMEOUT_MS: shutdownTimeoutField(),
  });
}

/** AFILIADOS_DATABASE_URL for afiliados, and so on. */
export function databaseUrlVariable(service: string): string {
  return `${service.toUpperCase()}_DATABASE_URL`;
}

/**
 * loadConfig plus problems found by other checks (e.g. the bus settings), so a process reports every problem of its
 * environment in ONE ConfigurationError instead of one at a time.
 */
export function loadProcessConfig<Schema extends z.ZodType>(
  service: string,
  schema: Schema,
  moreProblems: readonly string[] = [],
  environment: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  let config: z.infer<Schema> | undefined;
  const problems: string[] = [];
  try {
    config = loadConfig(service, schema, environment);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...moreProblems);
  if (problems.length > 0 || config === undefined) throw new ConfigurationError(service, problems);
  return config;
}
