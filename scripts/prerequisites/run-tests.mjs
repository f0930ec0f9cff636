// `npm test` and `npm run test:pulsar`: provision what the suites need first (or fail at once, before any suite
// runs, naming the exact command), then run the turbo task. A suite never fails half-way for a missing program.
//
//   node scripts/prerequisites/run-tests.mjs test [turbo args…]
import { spawn } from 'node:child_process';
import { ensurePrograms } from './system-packages.mjs';
import { PROGRAMS_BY_TASK } from './test-programs.mjs';
import { brokerProblem } from './pulsar-broker.mjs';

const [task, ...turboArgs] = process.argv.slice(2);
if (!task || !(task in PROGRAMS_BY_TASK)) {
  console.error(`usage: run-tests.mjs <${Object.keys(PROGRAMS_BY_TASK).join('|')}> [turbo args…]`);
  process.exit(2);
}

const log = (line) => console.log(`[${task}] ${line}`);
const problems = ensurePrograms(PROGRAMS_BY_TASK[task], log);
if (task === 'test:pulsar') {
  const broker = await brokerProblem();
  if (broker) problems.push(broker);
}
if (problems.length > 0) {
  console.error(`[${task}] cannot run the suites:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error('  (npm run doctor checks every prerequisite at once)');
  process.exit(1);
}

const child = spawn('turbo', ['run', task, '--concurrency=1', ...turboArgs], {
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
});
child.on('error', (error) => {
  console.error(`[${task}] could not run turbo (${error.message}); run npm install first`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
