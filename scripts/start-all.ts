// npm start: the whole system in one process on embedded defaults (no external services).
// Embedded PostgreSQL in .data/postgres, migrated and seeded on first start; the three subgraphs; the gateway.
// Set AFILIADOS_DATABASE_URL, CONVERSIONES_DATABASE_URL and MARKETING_DATABASE_URL to use real PostgreSQL instead.
// Tokens: signed with a development key created in DATA_DIR on first start (or AUTH_JWT_SECRET / AUTH_PRIVATE_KEY_FILE).
import { env, loadConfig, runUntilSignal, z } from '@alpes/platform';
import {
  cacheFields,
  cacheSettingsOf,
  hydrationBatchFields,
  hydrationBatchingOf,
  operationSafetyFields,
  operationSafetyOf,
  subgraphFetchFields,
  subgraphFetchSettingsOf,
} from '@alpes/gateway';
import { startLocalStack } from '@alpes/local-stack';
import { authEnvironmentFields, stackAuthOf } from '@alpes/security';
import { connectBusFromEnvironment } from '@alpes/messaging';
import { phase } from './lib/progress.mjs';

const configSchema = z
  .object({
    PORT: env.port(4000),
    AFILIADOS_PORT: env.port(4001),
    CONVERSIONES_PORT: env.port(4002),
    MARKETING_PORT: env.port(4003),
    EMBEDDED_POSTGRES_PORT: env.port(5433),
    DATA_DIR: z.string().default('.data'),
    SEED_DEMO_DATA: env.boolean(true),
    PLAYGROUND: env.boolean(true),
    AFILIADOS_DATABASE_URL: env.postgresUrl().optional(),
    CONVERSIONES_DATABASE_URL: env.postgresUrl().optional(),
    MARKETING_DATABASE_URL: env.postgresUrl().optional(),
    ...authEnvironmentFields,
    ...operationSafetyFields,
    ...cacheFields,
    ...subgraphFetchFields,
    ...hydrationBatchFields,
  })
  .refine(
    (config) => {
      const given = [config.AFILIADOS_DATABASE_URL, config.CONVERSIONES_DATABASE_URL, config.MARKETING_DATABASE_URL].filter(Boolean).length;
      return given === 0 || given === 3;
    },
    { message: 'set all three of AFILIADOS_DATABASE_URL, CONVERSIONES_DATABASE_URL, MARKETING_DATABASE_URL, or none (embedded PostgreSQL)' },
  );

process.env.LOG_LEVEL ??= 'warn';

await runUntilSignal('alpespartner', async () => {
  const config = loadConfig('alpespartner', configSchema);
  const startedAt = performance.now();
  const urls =
    config.AFILIADOS_DATABASE_URL && config.CONVERSIONES_DATABASE_URL && config.MARKETING_DATABASE_URL
      ? { afiliados: config.AFILIADOS_DATABASE_URL, conversiones: config.CONVERSIONES_DATABASE_URL, marketing: config.MARKETING_DATABASE_URL }
      : undefined;
  console.log(urls ? 'Using the PostgreSQL databases given by *_DATABASE_URL' : `Embedded PostgreSQL: data in ${config.DATA_DIR}/postgres`);
  // BUS=memory (default): one in-process bus; BUS=pulsar: the broker at PULSAR_WEB_URL (npm run pulsar:start).
  const auth = stackAuthOf(config, config.DATA_DIR);
  const bus = process.env.BUS === 'pulsar' ? await connectBusFromEnvironment('alpespartner') : undefined;
  const stack = await startLocalStack({
    auth,
    ...(bus ? { bus } : {}),
    ...(urls ? { urls } : {}),
    dataDir: `${config.DATA_DIR}/postgres`,
    postgresPort: config.EMBEDDED_POSTGRES_PORT,
    seed: config.SEED_DEMO_DATA,
    playground: config.PLAYGROUND,
    gateway: { ...operationSafetyOf(config), ...cacheSettingsOf(config), ...subgraphFetchSettingsOf(config), ...hydrationBatchingOf(config) },
    phase: (label, work, describe) => phase('[alpespartner]', label, work, describe),
    ports: { gateway: config.PORT, afiliados: config.AFILIADOS_PORT, conversiones: config.CONVERSIONES_PORT, marketing: config.MARKETING_PORT },
  });
  if (stack.seed?.seeded) {
    console.log(
      `Seeded demo data: ${stack.seed.afiliados} afiliados, ${stack.seed.campanas} campañas, ${stack.seed.conversiones} conversiones, ${stack.seed.comisiones} comisiones`,
    );
  }
  console.log(`
AlpesPartner is ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s
  gateway        ${stack.urls.gateway}   (ready: ${stack.urls.gateway.replace('/graphql', '/ready')})
  afiliados      ${stack.urls.afiliados}
  conversiones   ${stack.urls.conversiones}
  marketing      ${stack.urls.marketing}
  bus            ${bus ? `Apache Pulsar at ${process.env.PULSAR_WEB_URL ?? 'http://localhost:8080'}` : 'in-process memory bus (no durability across restarts)'}
  identity       ${auth.description}
${await tokenLines(stack)}
Press Ctrl-C to stop everything (the embedded database included).`);
  return { stop: () => stack.stop().finally(() => bus?.close()) };
});

/** An admin token and a playground link that opens with it (the token rides in the URL fragment, never sent to a server). */
async function tokenLines(stack: Awaited<ReturnType<typeof startLocalStack>>): Promise<string> {
  if (!stack.auth.issuer) return '  tokens         issued by your identity provider: send Authorization: Bearer <token>';
  const admin = await stack.token('admin');
  return `  admin token    ${admin}   (8 h)
  playground     ${stack.urls.gateway}#token=${admin}
  more tokens    npm run --silent token -- <admin|marketing|afiliado|integracion> [--afiliado-id <id>] [--ttl 8h]`;
}
