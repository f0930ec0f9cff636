// npm run compose:check: validates docker-compose.yml offline (no Docker engine needed) with Debian's
// docker-compose, installing it first when it is missing and this user may install.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrograms } from './system-packages.mjs';
import { DOCKER_COMPOSE } from './test-programs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const problems = ensurePrograms([DOCKER_COMPOSE], (line) => console.log(`[compose:check] ${line}`));
if (problems.length > 0) {
  for (const problem of problems) console.error(`[compose:check] ${problem}`);
  process.exit(1);
}
const result = spawnSync('docker-compose', ['-f', path.join(root, 'docker-compose.yml'), 'config', '-q'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
console.log('docker-compose.yml is valid');
