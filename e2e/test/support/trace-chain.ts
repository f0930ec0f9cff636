import { expect } from 'vitest';
import { TOPICS } from '@alpes/contracts';
import { campanaInput } from './campana-input.js';

/** One finished span, whichever way it was collected (in-memory exporter, OTLP/JSON receiver). */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** service.name of the process that made it. */
  service: string;
  attributes: Record<string, unknown>;
}

/** A client's own span context, sent as `traceparent` with the mutation: the whole trace must hang below it. */
export function clientTraceparent(): { traceparent: string; traceId: string; spanId: string } {
  const hex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const traceId = hex(16);
  const spanId = hex(8);
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/** The spans of one crearCampana, from the client's request to the campanaCreada delivery, in causal order. */
export interface MutationTrace {
  gatewayRequest: CollectedSpan;
  subgraphFetch: CollectedSpan;
  marketingRequest: CollectedSpan;
  commandSend: CollectedSpan;
  workerProcess: CollectedSpan;
  workerTransaction: CollectedSpan;
  relayPublish: CollectedSpan;
  eventSend: CollectedSpan;
  hubReceive: CollectedSpan;
  delivery: CollectedSpan;
  /** A fetch of the delivery's hydration (the entity loaded with the subscriber's selection). */
  hydrationFetch: CollectedSpan;
}

/**
 * Finds each step of the mutation's path in `spans` and checks that it is in the client's trace and a child of the
 * step before it (the gateway's own @apollo/gateway spans may sit between the request and the fetch). Returns the
 * steps, or fails naming the first one missing (the caller polls until the exporters flushed).
 */
export function mutationTrace(spans: readonly CollectedSpan[], client: { traceId: string; spanId: string }, correlationId: string): MutationTrace {
  const inTrace = spans.filter((span) => span.traceId === client.traceId);
  const byId = new Map(inTrace.map((span) => [span.spanId, span]));
  const find = (step: string, test: (span: CollectedSpan) => boolean) => {
    const found = inTrace.filter(test);
    expect(found, `${step}: one span in the client's trace (spans: ${inTrace.map((span) => `${span.service}:${span.name}`).join(', ')})`).toHaveLength(1);
    return found[0]!;
  };
  const childOf = (child: CollectedSpan, parent: CollectedSpan, what: string) => expect(child.parentSpanId, `${what}: parent`).toBe(parent.spanId);
  const ancestors = (span: CollectedSpan) => {
    const chain: string[] = [];
    for (let at = span.parentSpanId; at; at = byId.get(at)?.parentSpanId) chain.push(at);
    return chain;
  };

  const gatewayRequest = find('gateway request', (span) => span.attributes['alpes.component'] === 'gateway' && span.name.startsWith('POST /graphql'));
  expect(gatewayRequest.parentSpanId, 'the gateway continues the client traceparent').toBe(client.spanId);
  // walked back from the command: the delivery's hydration makes further fetches and marketing requests in this trace
  const commandSend = find('command send', (span) => span.name === `send ${TOPICS.campanasComandos}`);
  const parentOf = (span: CollectedSpan, what: string) => {
    const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
    expect(parent, `${what}: the parent of ${span.service}:${span.name} is in the trace`).toBeDefined();
    return parent!;
  };
  const marketingRequest = parentOf(commandSend, 'the command is sent by the mutation');
  expect(marketingRequest.attributes['alpes.component'], 'the command is sent by the marketing request').toBe('marketing');
  expect(marketingRequest.name).toMatch(/^POST \/graphql/);
  expect(marketingRequest.attributes['alpes.correlation_id'], 'the mutation span names its correlationId').toBe(correlationId);
  const subgraphFetch = parentOf(marketingRequest, 'the marketing subgraph continues the fetch (traceparent header)');
  expect(subgraphFetch.name).toBe('fetch marketing');
  expect(ancestors(subgraphFetch), 'the fetch runs under the gateway request').toContain(gatewayRequest.spanId);
  const workerProcess = find('worker process', (span) => span.name === `process ${TOPICS.campanasComandos}`);
  childOf(workerProcess, commandSend, 'the worker continues the command');
  expect(workerProcess.attributes['alpes.correlation_id']).toBe(correlationId);
  const workerTransaction = find('worker transaction', (span) => span.name === 'marketing.commands transaction');
  childOf(workerTransaction, workerProcess, 'the transaction runs for the message');
  const relayPublish = find('outbox relay', (span) => span.name === `marketing.outbox-relay publish ${TOPICS.marketingEventos}`);
  // alone, the transaction span wrote the row; in a group commit, the message's own span did
  expect([workerTransaction.spanId, workerProcess.spanId], 'the relay continues the trace stored with the outbox row').toContain(relayPublish.parentSpanId);
  expect(relayPublish.attributes['alpes.correlation_id']).toBe(correlationId);
  const eventSend = find('event send', (span) => span.name === `send ${TOPICS.marketingEventos}`);
  childOf(eventSend, relayPublish, 'the relay sends the event');
  const hubReceive = find('hub receive', (span) => span.name === `receive ${TOPICS.marketingEventos}`);
  childOf(hubReceive, eventSend, "the gateway's hub continues the event");
  const delivery = find('subscription delivery', (span) => span.name === 'deliver campanaCreada');
  childOf(delivery, hubReceive, 'each delivery is a child of the hub event');
  expect(delivery.attributes['alpes.correlation_id']).toBe(correlationId);
  const hydrationFetches = inTrace.filter((span) => span.name.startsWith('fetch ') && span.parentSpanId === delivery.spanId);
  expect(hydrationFetches.length, "the delivery's hydration fetches are its children").toBeGreaterThan(0);
  const hydrationFetch = hydrationFetches[0]!;
  return {
    gatewayRequest,
    subgraphFetch,
    marketingRequest,
    commandSend,
    workerProcess,
    workerTransaction,
    relayPublish,
    eventSend,
    hubReceive,
    delivery,
    hydrationFetch,
  };
}

/**
 * The `deliver comando` spans of one command in the client's trace (at least one): each a child of the gateway hub's
 * receive span of the message that made the state it delivered (the command, or its outcome on comandos.resultados),
 * naming the field and the correlationId.
 */
export function commandDeliveries(spans: readonly CollectedSpan[], client: { traceId: string }, correlationId: string): CollectedSpan[] {
  const inTrace = spans.filter((span) => span.traceId === client.traceId);
  const deliveries = inTrace.filter((span) => span.name === 'deliver comando');
  expect(
    deliveries.length,
    `deliver comando in the client's trace (spans: ${inTrace.map((span) => `${span.service}:${span.name}`).join(', ')})`,
  ).toBeGreaterThan(0);
  const hubSpans = [`receive ${TOPICS.campanasComandos}`, `receive ${TOPICS.resultadosComandos}`];
  for (const delivery of deliveries) {
    const parent = inTrace.find((span) => span.spanId === delivery.parentSpanId);
    expect(hubSpans, 'each comando delivery is a child of the hub receive span of its message').toContain(parent?.name);
    expect(parent?.service).toBe(delivery.service);
    expect(delivery.attributes).toMatchObject({ 'alpes.subscription.field': 'comando', 'alpes.correlation_id': correlationId });
    expect(delivery.attributes['messaging.destination.name']).toBe(parent!.attributes['messaging.destination.name']);
  }
  return deliveries;
}

/** No span attribute holds personal data of the scenario (e-mails, names). */
export function expectNoPersonalData(spans: readonly CollectedSpan[], personal: readonly string[]): void {
  for (const span of spans) {
    const text = JSON.stringify(span.attributes);
    for (const value of personal) expect(text, `${span.service}:${span.name}`).not.toContain(value);
  }
}

/** crearCampana sent with the client's `traceparent` (the mutation every trace test follows); its accepted command. */
export async function crearCampanaTraced(
  gatewayUrl: string,
  authorization: string,
  document: string,
  traceparent: string,
  nombre: string,
): Promise<{ correlationId: string; id: string }> {
  const input = campanaInput(nombre, [], { descripcion: 'trazas', tags: [] });
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, traceparent },
    body: JSON.stringify({ query: document, operationName: 'CrearCampana', variables: { input } }),
  });
  const { data, errors } = (await response.json()) as { data?: { crearCampana: { correlationId: string; id: string } }; errors?: unknown };
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return data!.crearCampana;
}
