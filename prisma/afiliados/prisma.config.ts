// Prisma CLI configuration for the afiliados database.
// PRISMA_SCHEMA_ENGINE_BINARY must name an existing file, or the CLI tries to download the
// native schema engine (no internet here). Migrations are applied by our wasm-based runner
// (npm run db:migrate); see packages/database.
import { defineConfig } from 'prisma/config';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: './schema.prisma',
  migrations: { path: './migrations' },
  datasource: {
    url: process.env.AFILIADOS_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5433/afiliados',
  },
});
