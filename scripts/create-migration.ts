// Creates the next Prisma migration of a service from its schema.prisma, with Prisma's own schema
// engine (wasm), in Prisma's layout: prisma/<service>/migrations/<UTC timestamp>_<name>/migration.sql.
//
//   npm run db:migration:create -- <service> <name>
//
// The committed migrations are replayed on a temporary shadow database, on the server of
// SHADOW_DATABASE_SERVER_URL, else of <SERVICE>_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432.
import { DEFAULT_SHADOW_SERVER_URL, SERVICE_DATABASES, createMigration, databaseUrlEnvName, isServiceName, redactUrl, withDatabase } from '@alpes/database';

const [service, ...nameParts] = process.argv.slice(2);
const name = nameParts.join('_');

if (!service || !isServiceName(service) || !name) {
  console.error(`Usage: npm run db:migration:create -- <${SERVICE_DATABASES.join('|')}> <name>`);
  process.exit(2);
}

const serviceUrl = process.env[databaseUrlEnvName(service)];
const shadowUrl = process.env.SHADOW_DATABASE_SERVER_URL ?? (serviceUrl ? withDatabase(serviceUrl, 'postgres') : DEFAULT_SHADOW_SERVER_URL);

try {
  const created = await createMigration({ service, name, shadowUrl });
  if (created) {
    console.log(`Created ${created.directory}/migration.sql`);
  } else {
    console.log(`No changes in prisma/${service}/schema.prisma since the last migration: nothing created.`);
  }
} catch (error) {
  console.error(`Could not create the migration (shadow database server: ${redactUrl(shadowUrl)}):`);
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
