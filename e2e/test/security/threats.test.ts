// The threat tests through the whole stack in one process (memory bus, ES256 tokens): the same scenarios run on
// the multi-process Pulsar stack (HS256 tokens) in test/production/multi-process.pulsar.test.ts.
import { afterAll, beforeAll, describe } from 'vitest';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { dataThreats } from './data-threats.js';
import { createThreatData, type ThreatData, type ThreatTarget } from './threat-fixture.js';
import { tokenThreats } from './token-threats.js';

let stack: TestStack;
let target: ThreatTarget;
let data: ThreatData;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  const keys = stack.auth.verification.keys;
  target = {
    gatewayUrl: stack.gatewayUrl,
    marketingUrl: stack.urls.marketing,
    admin: stack.admin,
    token: (role, options) => stack.token(role, options),
    signingKey: stack.auth.signingKey!,
    ...(keys.kind === 'public-key' ? { publicKey: keys.key } : {}),
  };
  data = await createThreatData(target);
}, 300_000);
afterAll(async () => {
  await stack?.stop();
});

describe('threats at the door (memory bus, ES256 development-style key)', () => tokenThreats(() => target));
describe('threats once signed in (memory bus)', () =>
  dataThreats(
    () => target,
    () => data,
  ));
