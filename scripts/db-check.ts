// Drift check for CI: do the committed migrations of every service produce exactly what its
// schema.prisma describes? Each service's migrations are applied to a temporary database on the
// server of DB_CHECK_SERVER_URL (default postgresql://postgres@127.0.0.1:5432/postgres), which is
// then diffed against the schema. Exits 1 naming the service and printing the missing SQL.
//
//   npm run db:check
import { DEFAULT_DRIFT_CHECK_SERVER_URL, SERVICE_DATABASES, checkDrift, redactUrl } from '@alpes/database';

const serverUrl = process.env.DB_CHECK_SERVER_URL ?? DEFAULT_DRIFT_CHECK_SERVER_URL;

for (const service of SERVICE_DATABASES) {
  try {
    const difference = await checkDrift({ service, serverUrl });
    if (difference) {
      console.error(`${service}: prisma/${service}/schema.prisma differs from its migrations. Missing SQL:\n`);
      console.error(difference);
      console.error(`Create the migration with: npm run db:migration:create -- ${service} <name>`);
      process.exitCode = 1;
    } else {
      console.log(`${service}: migrations match the schema`);
    }
  } catch (error) {
    console.error(`${service}: drift check failed (server ${redactUrl(serverUrl)})`);
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
