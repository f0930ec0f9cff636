import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '@alpes/contracts';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { postGraphQL, subscribe, type LiveSubscription } from '@alpes/testing';
import { loadOperations } from '../support/operations.js';
import { scrape, until, valueOf, type Family } from '../support/prometheus-text.js';
import { campanaInput } from '../support/campana-input.js';

// After a scenario on the real memory stack (embedded PostgreSQL, one MemoryBus, every server on its own port),
// each server's /metrics parses, its families have the names, types and labels of the issue, and the counters
// moved by exactly what the scenario did.
const op = loadOperations('FlujoNegocio.graphql');
const SERVERS = ['gateway', 'afiliados', 'conversiones', 'marketing'] as const;
type Server = (typeof SERVERS)[number];

const FAMILIES: Record<string, { type: string; labels: string[] }> = {
  graphql_operations_total: { type: 'counter', labels: ['operation_name', 'operation_type', 'outcome'] },
  graphql_operation_duration_seconds: { type: 'histogram', labels: ['operation_name', 'operation_type'] },
  graphql_errors_total: { type: 'counter', labels: ['code'] },
  subgraph_fetch_duration_seconds: { type: 'histogram', labels: ['subgraph'] },
  bus_messages_published_total: { type: 'counter', labels: ['topic'] },
  bus_messages_consumed_total: { type: 'counter', labels: ['topic', 'subscription', 'outcome'] },
  bus_consumer_backlog: { type: 'gauge', labels: ['topic', 'subscription'] },
  bus_dlq_messages: { type: 'gauge', labels: ['topic'] },
  outbox_pending_rows: { type: 'gauge', labels: ['service'] },
  outbox_oldest_pending_seconds: { type: 'gauge', labels: ['service'] },
  inbox_duplicates_total: { type: 'counter', labels: ['service'] },
  subscriptions_active: { type: 'gauge', labels: ['field'] },
  subscription_events_delivered_total: { type: 'counter', labels: ['field'] },
  hydration_operations_total: { type: 'counter', labels: [] },
  nodejs_eventloop_lag_seconds: { type: 'gauge', labels: [] },
  process_cpu_seconds_total: { type: 'counter', labels: [] },
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let stack: TestStack;
const open: LiveSubscription<any>[] = [];
const origin = (server: Server) => new URL(stack.urls[server]).origin;
const scrapeAll = async () =>
  Object.fromEntries(await Promise.all(SERVERS.map(async (server) => [server, await scrape(origin(server))] as const))) as Record<Server, Map<string, Family>>;

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 3, conversiones: 5 } });
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.dispose()));
  await stack?.stop();
});

async function mutate(document: string, variables: Record<string, unknown>) {
  const { data, errors } = await postGraphQL(stack.gatewayUrl, document, variables, stack.admin);
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return Object.values(data!)[0] as { correlationId: string; id: string };
}

describe('/metrics on every server of the stack', () => {
  it('every family the issue names, with its type and exactly its labels, on every server; no id in any label', async () => {
    const all = await scrapeAll();
    for (const server of SERVERS) {
      const families = all[server];
      for (const [name, expected] of Object.entries(FAMILIES)) {
        const family = families.get(name);
        expect(family, `${server}: ${name}`).toBeDefined();
        expect(family!.type, `${server}: ${name}`).toBe(expected.type);
        for (const sample of family!.samples) {
          const labels = Object.keys(sample.labels).filter((label) => label !== 'le');
          expect(labels.sort(), `${server}: ${sample.name}`).toEqual([...expected.labels].sort());
        }
      }
      for (const family of families.values())
        for (const sample of family.samples) for (const value of Object.values(sample.labels)) expect(value).not.toMatch(UUID);
    }
  });

  it('a mutation, its event and a subscriber move each counter of each server by what happened', async () => {
    const creadas = subscribe(stack.gatewayUrl, op.CampanaCreada!, {}, stack.admin);
    open.push(creadas);
    const gatewayBefore = await scrape(origin('gateway'));
    await until(async () => valueOf(await scrape(origin('gateway')), 'subscriptions_active', { field: 'campanaCreada' }) === 1, 5_000);
    const before = await scrapeAll();

    const registro = await mutate(op.RegistrarAfiliado!, {
      input: {
        nombre: 'Metricas Uno',
        email: `metricas.${Date.now()}@example.com`,
        telefono: '+57 300 000 0000',
        tipoAfiliacion: 'STANDARD',
        comisionBase: '5',
      },
    });
    const creada = await mutate(op.CrearCampana!, {
      input: campanaInput('Campaña métricas', [registro.id], { descripcion: 'métricas' }),
    });
    await creadas.waitFor((event) => event.campanaCreada.campana.id === creada.id);
    const invalid = await postGraphQL(stack.gatewayUrl, '{ noSuchField }', undefined, stack.admin);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // the relay and the workers finish (outcomes on comandos.resultados) before the second scrape
    await until(
      async () =>
        valueOf(await scrape(origin('marketing')), 'bus_messages_published_total', { topic: TOPICS.resultadosComandos }) >
        valueOf(before.marketing, 'bus_messages_published_total', { topic: TOPICS.resultadosComandos }),
      10_000,
    );
    await until(async () => valueOf(await scrape(origin('marketing')), 'outbox_pending_rows', { service: 'marketing' }) === 0, 10_000);
    const after = await scrapeAll();
    const moved = (server: Server, name: string, labels: Record<string, string> = {}) =>
      valueOf(after[server], name, labels) - valueOf(before[server], name, labels);

    // gateway: one success per mutation by name, one validation failure counted as unknown, timings, fetches, delivery
    expect(moved('gateway', 'graphql_operations_total', { operation_name: 'RegistrarAfiliado', operation_type: 'mutation', outcome: 'success' })).toBe(1);
    expect(moved('gateway', 'graphql_operations_total', { operation_name: 'CrearCampana', operation_type: 'mutation', outcome: 'success' })).toBe(1);
    expect(moved('gateway', 'graphql_operations_total', { operation_name: 'unknown', operation_type: 'unknown', outcome: 'error' })).toBe(1);
    expect(moved('gateway', 'graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(moved('gateway', 'graphql_operation_duration_seconds_count', { operation_name: 'CrearCampana', operation_type: 'mutation' })).toBe(1);
    expect(moved('gateway', 'subgraph_fetch_duration_seconds_count', { subgraph: 'afiliados' })).toBeGreaterThanOrEqual(1);
    expect(moved('gateway', 'subgraph_fetch_duration_seconds_count', { subgraph: 'marketing' })).toBeGreaterThanOrEqual(1);
    expect(moved('gateway', 'subscription_events_delivered_total', { field: 'campanaCreada' })).toBe(1);
    expect(moved('gateway', 'hydration_operations_total')).toBeGreaterThanOrEqual(1);
    expect(moved('gateway', 'bus_messages_consumed_total', { topic: TOPICS.marketingEventos, subscription: 'reader', outcome: 'ack' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(valueOf(gatewayBefore, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    // afiliados: one command published and applied, its event and its outcome published by the relay
    expect(moved('afiliados', 'bus_messages_published_total', { topic: TOPICS.afiliadosComandos })).toBe(1);
    expect(moved('afiliados', 'bus_messages_consumed_total', { topic: TOPICS.afiliadosComandos, subscription: 'afiliados-comandos', outcome: 'ack' })).toBe(1);
    expect(moved('afiliados', 'bus_messages_published_total', { topic: TOPICS.afiliadosEventos })).toBe(1);
    expect(moved('afiliados', 'bus_messages_published_total', { topic: TOPICS.resultadosComandos })).toBe(1);
    // marketing: its projection took the affiliate; one campaign command, its event and its outcome
    expect(
      moved('marketing', 'bus_messages_consumed_total', { topic: TOPICS.afiliadosEventos, subscription: 'marketing-proyeccion-afiliados', outcome: 'ack' }),
    ).toBe(1);
    expect(moved('marketing', 'bus_messages_published_total', { topic: TOPICS.campanasComandos })).toBe(1);
    expect(moved('marketing', 'bus_messages_consumed_total', { topic: TOPICS.campanasComandos, subscription: 'marketing-campanas', outcome: 'ack' })).toBe(1);
    expect(moved('marketing', 'bus_messages_published_total', { topic: TOPICS.marketingEventos })).toBe(1);
    // conversiones did nothing
    expect(moved('conversiones', 'bus_messages_published_total')).toBe(0);
    // every backlog drained, every outbox empty, nothing dead-lettered
    for (const server of ['afiliados', 'conversiones', 'marketing'] as const) {
      expect(valueOf(after[server], 'outbox_pending_rows', { service: server })).toBe(0);
      expect(valueOf(after[server], 'outbox_oldest_pending_seconds', { service: server })).toBe(0);
      expect(valueOf(after[server], 'bus_consumer_backlog')).toBe(0);
      expect(valueOf(after[server], 'bus_dlq_messages')).toBe(0);
      expect(after[server].get('bus_consumer_backlog')!.samples.length).toBeGreaterThan(0);
    }
    expect(valueOf(after.gateway, 'subscriptions_active', { field: 'campanaCreada' })).toBe(1);
  });

  it('a redelivered command is counted as an inbox duplicate and applied no second time', async () => {
    // this test's own command, applied once: its outcome is out and the relay has published its event
    const publishedBefore = valueOf(await scrape(origin('afiliados')), 'bus_messages_published_total', { topic: TOPICS.resultadosComandos });
    const registro = await mutate(op.RegistrarAfiliado!, {
      input: { nombre: 'Metricas Dos', email: `metricas.dos.${Date.now()}@example.com`, telefono: null, tipoAfiliacion: 'STANDARD', comisionBase: '5' },
    });
    await until(
      async () => valueOf(await scrape(origin('afiliados')), 'bus_messages_published_total', { topic: TOPICS.resultadosComandos }) > publishedBefore,
      10_000,
    );
    await until(async () => valueOf(await scrape(origin('afiliados')), 'outbox_pending_rows', { service: 'afiliados' }) === 0, 10_000);
    const before = await scrape(origin('afiliados'));
    const seen: { key: string; body: string; properties: Record<string, string> }[] = [];
    const reader = await stack.bus.read({ topic: TOPICS.afiliadosComandos, start: { from: 'earliest' }, handler: (message) => void seen.push(message) });
    const ofThisTest = () => seen.find((message) => JSON.parse(message.body).correlationId === registro.correlationId);
    await until(async () => ofThisTest() !== undefined, 10_000, 'the command on its topic');
    await reader.close();
    const command = ofThisTest();
    await stack.bus.publish(TOPICS.afiliadosComandos, { key: command!.key, body: command!.body, properties: command!.properties });
    await until(
      async () =>
        valueOf(await scrape(origin('afiliados')), 'inbox_duplicates_total', { service: 'afiliados' }) -
          valueOf(before, 'inbox_duplicates_total', { service: 'afiliados' }) ===
        1,
      10_000,
    );
    const after = await scrape(origin('afiliados'));
    expect(valueOf(after, 'bus_messages_published_total', { topic: TOPICS.afiliadosEventos })).toBe(
      valueOf(before, 'bus_messages_published_total', { topic: TOPICS.afiliadosEventos }),
    );
  });

  it('every series the committed Grafana dashboard queries exists on some server', async () => {
    const dashboard = readFileSync(new URL('../../../docker/grafana/dashboards/alpespartner.json', import.meta.url), 'utf8');
    const queried = new Set(dashboard.match(/\b[a-z][a-z0-9_]*_(total|seconds|bucket|rows|backlog|messages|active)\b/g));
    const all = await scrapeAll();
    const exposed = new Set(
      SERVERS.flatMap((server) => [...all[server].values()].flatMap((family) => [family.name, ...family.samples.map((sample) => sample.name)])),
    );
    expect(queried.size).toBeGreaterThan(8);
    for (const name of queried) expect(exposed, name).toContain(name);
  });

  it('the subscription gauge falls back when the client leaves', async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.dispose()));
    await until(async () => valueOf(await scrape(origin('gateway')), 'subscriptions_active', { field: 'campanaCreada' }) === 0, 5_000);
  });
});
