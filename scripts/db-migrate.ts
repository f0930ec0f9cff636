// Applies the pending Prisma migrations of every service database (what `prisma migrate deploy`
// does, with Prisma's own schema engine compiled to wasm; works offline).
//
//   AFILIADOS_DATABASE_URL=… CONVERSIONES_DATABASE_URL=… MARKETING_DATABASE_URL=… npm run db:migrate
import { SERVICE_DATABASES, applyMigrations, databaseUrlEnvName, redactUrl, type ServiceName } from '@alpes/database';
import { phase } from './lib/progress.mjs';

const targets = SERVICE_DATABASES.map((service) => ({ service, url: process.env[databaseUrlEnvName(service)] }));
const missing = targets.filter((target) => !target.url).map((target) => databaseUrlEnvName(target.service));
if (missing.length > 0) {
  console.error(`Missing environment variable(s): ${missing.join(', ')}. Set the database URL of every service, e.g.`);
  console.error('  AFILIADOS_DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5433/afiliados');
  process.exit(1);
}

for (const { service, url } of targets as { service: ServiceName; url: string }[]) {
  try {
    await phase(
      '[db:migrate]',
      `${service} (${redactUrl(url)})`,
      () => applyMigrations({ service, url }),
      ({ applied }) => (applied.length > 0 ? `applied ${applied.join(', ')}` : 'up to date'),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
