// Resume under load on the memory bus (issue 17, goal 4), the same scenario as
// production/resume-under-load.pulsar.test.ts: subscribers drop their sockets at random and resume with desdeEvento
// while campaigns are created at a steady rate; every event reaches every subscriber exactly once. The memory bus
// cannot cross processes, so the stack runs in this process. Sizes: support/resume-under-load.ts.
import { afterAll, beforeAll, it, describe } from 'vitest';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { expectEveryEventExactlyOnce, RESUME_SIZES, runResumeUnderLoad } from './support/resume-under-load.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ seed: false, gateway: { rateLimit: { perSecond: 50, burst: 100 } } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe('resume under load on the memory bus', () => {
  it(`${RESUME_SIZES.subscribers} subscribers, ${RESUME_SIZES.eventsPerSecond} events/s for ${RESUME_SIZES.durationS} s: every event exactly once within ${RESUME_SIZES.deadlineS} s`, async () => {
    const report = await runResumeUnderLoad({ gatewayUrl: stack.gatewayUrl, token: (role, sub) => stack.token(role, { sub, ttl: '1h' }) });
    console.log(`[memory] ${report.summary}`);
    expectEveryEventExactlyOnce(report);
  }, 180_000);
});
