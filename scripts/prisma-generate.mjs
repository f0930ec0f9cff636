// Generates the Prisma client of every service database (runs on npm install/ci).
// Works offline: PRISMA_SCHEMA_ENGINE_BINARY only has to name an existing file for `generate`.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const prismaDir = new URL('../prisma/', import.meta.url).pathname;
const services = readdirSync(prismaDir).filter((name) => existsSync(join(prismaDir, name, 'schema.prisma')));
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };

for (const service of services) {
  const config = join(prismaDir, service, 'prisma.config.ts');
  const result = spawnSync('npx', ['--no-install', 'prisma', 'generate', '--config', config], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${service}`);
    process.exit(result.status ?? 1);
  }
  console.log(`prisma client generated for ${service}`);
}
