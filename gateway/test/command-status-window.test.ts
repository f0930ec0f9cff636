// COMMAND_STATUS_WINDOW_MS: how far back comando(correlationId) knows commands, from the environment to the
// subscription a client opens. Commands are published "in the past" by faking only Date while they are stored.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { TOPICS, createEnvelope } from '@alpes/contracts';
import { MemoryBus } from '@alpes/messaging';
import { createClient, type Client } from 'graphql-ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { gatewayConfigSchema, gatewaySettingsOf } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/index.js';
import { publish, until } from './support/envelopes.js';
import { ephemeralStackAuth } from '@alpes/security';
import { TEST_ACTOR } from '@alpes/testing';

const supergraph = { kind: 'file' as const, path: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)) };
const MINUTE = 60_000;
let bus: MemoryBus | undefined;
let gateway: RunningGateway | undefined;
let client: Client | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await client?.dispose();
  await gateway?.close();
  await bus?.close();
  [client, gateway, bus] = [undefined, undefined, undefined];
});

/** An ActivarCampana accepted `minutesAgo` minutes ago (its publish time is what the window is measured on). */
async function commandAccepted(minutesAgo: number): Promise<string> {
  const correlationId = randomUUID();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() - minutesAgo * MINUTE);
  try {
    const campanaId = randomUUID();
    await publish(bus!, TOPICS.campanasComandos, createEnvelope('ActivarCampana', campanaId, { campanaId }, { correlationId, actor: TEST_ACTOR }));
  } finally {
    vi.useRealTimers();
  }
  return correlationId;
}

/** Every estado comando(correlationId) sends until it completes. */
function watchComando(correlationId: string): { estados: string[]; done: () => boolean } {
  const estados: string[] = [];
  let completed = false;
  client!.subscribe(
    { query: 'subscription ($id: ID!) { comando(correlationId: $id) { estado } }', variables: { id: correlationId } },
    {
      next: (result) => void estados.push((result.data as { comando: { estado: string } }).comando.estado),
      error: () => (completed = true),
      complete: () => (completed = true),
    },
  );
  return { estados, done: () => completed };
}

/**
 * What the gateway knew of `old` when a client asked: ACEPTADO first when known, only the outcome published afterwards
 * when not. `recent` (accepted after `old`) is awaited first: the replay reached it, so it went past `old` if it ever would.
 */
async function estadosOf(old: string, recent: string, settings: ReturnType<typeof gatewaySettingsOf>) {
  const auth = ephemeralStackAuth();
  gateway = await startGateway({ port: 0, supergraph, auth, bus: bus!, ...settings });
  const admin = `Bearer ${await auth.issuer!.issueForRole('admin')}`; // comando of any identity's command
  client = createClient({ url: gateway.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: admin } });
  const reciente = watchComando(recent);
  await until(() => reciente.estados.length > 0, 10_000);
  expect(reciente.estados).toEqual(['ACEPTADO']);
  const viejo = watchComando(old);
  await publish(
    bus!,
    TOPICS.resultadosComandos,
    createEnvelope(
      'ComandoRechazado',
      randomUUID(),
      { comandoId: randomUUID(), comando: 'ActivarCampana', entidadId: null, motivo: 'prueba' },
      { correlationId: old },
    ),
  );
  await until(viejo.done, 10_000);
  return viejo.estados;
}

describe('COMMAND_STATUS_WINDOW_MS', () => {
  it('is unset by default, a whole number of milliseconds, at least one minute', () => {
    expect(gatewayConfigSchema.parse({}).COMMAND_STATUS_WINDOW_MS).toBeUndefined();
    expect(gatewaySettingsOf(gatewayConfigSchema.parse({}))).not.toHaveProperty('commandStatusWindowMs');
    expect(gatewayConfigSchema.parse({ COMMAND_STATUS_WINDOW_MS: '120000' }).COMMAND_STATUS_WINDOW_MS).toBe(120_000);
    for (const bad of ['59999', '1.5e5x', 'diez']) expect(gatewayConfigSchema.safeParse({ COMMAND_STATUS_WINDOW_MS: bad }).success, bad).toBe(false);
  });

  it('by default comando(correlationId) knows the commands of the last 15 minutes, and not older ones', async () => {
    bus = new MemoryBus();
    const [hace16, hace14] = [await commandAccepted(16), await commandAccepted(14)];
    expect(await estadosOf(hace16, hace14, gatewaySettingsOf(gatewayConfigSchema.parse({})))).toEqual(['RECHAZADO']);
  });

  it('COMMAND_STATUS_WINDOW_MS=120000 narrows it to 2 minutes: a command of 3 minutes ago is unknown, one of 1 minute ago known', async () => {
    bus = new MemoryBus();
    const [tresMinutos, unMinuto] = [await commandAccepted(3), await commandAccepted(1)];
    expect(await estadosOf(tresMinutos, unMinuto, gatewaySettingsOf(gatewayConfigSchema.parse({ COMMAND_STATUS_WINDOW_MS: '120000' })))).toEqual(['RECHAZADO']);
  });
});
