// npm run doctor: what this machine has and lacks for npm start, npm test and the Pulsar suites, one line each
// with the fix. Exits 1 when something the chosen configuration needs (BUS, *_DATABASE_URL, *_REDIS_URL,
// PULSAR_CLIENT… read from the environment) is missing. Node builtins only: it runs before npm install too.
import { runChecks } from './doctor/checks.mjs';

const checks = await runChecks();
for (const check of checks) {
  const mark = check.ok ? '✔' : '✘';
  const note = check.ok ? '' : check.needed ? `\n    fix: ${check.fix}` : `\n    (not required by this configuration) fix: ${check.fix}`;
  console.log(`${mark} ${check.name}: ${check.detail}${note}`);
}
const blocking = checks.filter((check) => check.needed && !check.ok);
console.log(
  blocking.length === 0
    ? '\nEverything this configuration needs is here.'
    : `\n${blocking.length} problem(s) to fix before npm start / npm test: ${blocking.map((check) => check.name).join('; ')}`,
);
process.exit(blocking.length === 0 ? 0 : 1);
