/**
 * Which Pulsar transport a *.pulsar.test.ts scenario runs on: PULSAR_CLIENT=websocket or native, set per vitest
 * project by vitest.pulsar.config.ts (npm run test:pulsar runs every scenario on both). Run alone, a file runs on
 * PULSAR_CLIENT from the environment (websocket when unset).
 *
 * native needs the pulsar-client addon (npm run pulsar:native). When it does not load, the scenario is skipped and
 * says why; with CI=true it FAILS instead, so that CI never passes without having run it.
 */
import { describe } from 'vitest';
import { loadPulsarClient } from '@alpes/messaging';

export type PulsarClientUnderTest = 'websocket' | 'native';

function clientFromEnvironment(): PulsarClientUnderTest {
  const value = process.env.PULSAR_CLIENT?.trim() || 'websocket';
  if (value === 'websocket' || value === 'native') return value;
  throw new Error(`PULSAR_CLIENT=${JSON.stringify(value)}: the Pulsar scenarios run on websocket or native (auto is not a transport under test)`);
}

export const PULSAR_CLIENT_UNDER_TEST: PulsarClientUnderTest = clientFromEnvironment();

const loaded = PULSAR_CLIENT_UNDER_TEST === 'native' ? await loadPulsarClient() : ({ ok: true } as const);
const missingAddon = loaded.ok ? undefined : loaded.reason;
if (missingAddon !== undefined) {
  const why = `PULSAR_CLIENT=native: ${missingAddon}; build it with npm run pulsar:native`;
  if (process.env.CI === 'true') throw new Error(`${why} (CI=true: the native scenarios must run, not skip)`);
  console.warn(`[pulsar scenarios] SKIPPED on native: ${why}`);
}

/**
 * `describe` for a Pulsar scenario: its title names the transport; skipped (saying why) when the native addon is
 * missing outside CI. Hooks at file level still run only when a test of the file runs (vitest skips them otherwise).
 */
export const describePulsar = ((title: string, body: () => void) =>
  describe.skipIf(missingAddon !== undefined)(`[${PULSAR_CLIENT_UNDER_TEST}] ${title}`, body)) as (title: string, body: () => void) => void;
