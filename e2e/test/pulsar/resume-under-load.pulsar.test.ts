// Resume under load on Pulsar (issue 17, goal 4): 100 subscribers drop their sockets at random and resume with
// desdeEvento while 100 campaigns a second are created, every service in its own process (the gateway too), in a
// Pulsar namespace of its own, right after a broker start as the issue has it: the file restarts the broker (npm run
// pulsar:stop, then pulsar:start), so the load meets a broker whose JIT compiler is still cold and whose topics load
// as the stack's consumers ask for them. Sizes: support/resume-under-load.ts.
// The same scenario on the memory bus runs in npm test (test/subscriptions-resume-under-load.test.ts).
import { afterAll, afterEach, beforeAll, it } from 'vitest';
import { startProcessStack, type ProcessStack } from '@alpes/testing';
import { broker, brokerIsHealthy } from './support/pulsar.js';
import { describePulsar, PULSAR_CLIENT_UNDER_TEST } from './support/pulsar-client.js';
import { expectEveryEventExactlyOnce, RESUME_SIZES, runResumeUnderLoad } from '../support/resume-under-load.js';

let stack: ProcessStack;
let brokerStartedAt = 0;

beforeAll(async () => {
  await broker('stop');
  await broker('start');
  brokerStartedAt = Date.now();
  stack = await startProcessStack({ migrate: 'db:migrate', pulsarClient: PULSAR_CLIENT_UNDER_TEST, logLevel: 'warn' });
}, 480_000);
afterEach((context) => {
  if (context.task.result?.state === 'fail' && stack) console.error(stack.describe(80));
});
afterAll(async () => {
  await stack?.stop();
  if (!(await brokerIsHealthy())) await broker('start'); // a failure during the restart must not leave the broker down
}, 300_000);

describePulsar('resume under load: subscribers drop their sockets and resume with desdeEvento', () => {
  it(`${RESUME_SIZES.subscribers} subscribers, ${RESUME_SIZES.eventsPerSecond} events/s for ${RESUME_SIZES.durationS} s: every event exactly once within ${RESUME_SIZES.deadlineS} s`, async () => {
    const brokerAgeS = ((Date.now() - brokerStartedAt) / 1000).toFixed(0);
    const report = await runResumeUnderLoad({ gatewayUrl: stack.gatewayUrl, token: (role, sub) => stack.token(role, { sub, ttl: '1h' }) });
    console.log(`[${PULSAR_CLIENT_UNDER_TEST}] the broker started ${brokerAgeS} s before the load; ${report.summary}`);
    expectEveryEventExactlyOnce(report);
  });
});
