import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '@alpes/contracts';
import { setTracingActive } from '@alpes/observability';
import { subscribe, type LiveSubscription } from '@alpes/testing';
import { startTestStack, type TestStack } from '@alpes/local-stack';
import { loadOperations } from '../support/operations.js';
import { clientTraceparent, commandDeliveries, crearCampanaTraced, expectNoPersonalData, mutationTrace, type CollectedSpan } from '../support/trace-chain.js';

// The fast proof of propagation (npm test): the whole stack in this process on the memory bus, with an in-memory
// span exporter registered the way the SDK registers one. One crearCampana with a client's traceparent must be one
// trace from the gateway through the command envelope, the worker's transaction, the outbox row and the relay, to
// the campanaCreada delivery. The multi-process version on Pulsar with OTLP/HTTP is tracing.pulsar.test.ts.
const op = loadOperations('FlujoNegocio.graphql');
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let stack: TestStack;
const open: LiveSubscription<any>[] = [];

beforeAll(async () => {
  provider.register(); // global tracer provider, AsyncLocalStorage context manager, W3C propagator
  setTracingActive(true); // before the stack starts: its buses are wrapped at start
  stack = await startTestStack({ seed: false });
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.dispose()));
  await stack?.stop();
  setTracingActive(false);
  await provider.shutdown();
});

const collected = (): CollectedSpan[] =>
  exporter.getFinishedSpans().map((span: ReadableSpan) => ({
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    service: 'in-process',
    attributes: { ...span.attributes },
  }));

describe('one trace per mutation, in process (memory bus)', () => {
  it("crearCampana with a client's traceparent: gateway → marketing → envelope → worker transaction → outbox → relay → hub → delivery", async () => {
    const creadas = subscribe(stack.gatewayUrl, op.CampanaCreada!, { desde: new Date(Date.now() - 50).toISOString() }, stack.admin);
    open.push(creadas);
    const client = clientTraceparent();
    const nombre = 'Campaña trazada';
    const { correlationId, id } = await crearCampanaTraced(stack.gatewayUrl, stack.admin, op.CrearCampana!, client.traceparent, nombre);
    await creadas.waitFor((event) => event.campanaCreada.campana.id === id, 15_000);

    // the delivery span ends when its event is handed to the client: it is exported by now (simple processor)
    const trace = mutationTrace(collected(), client, correlationId);
    expect(trace.gatewayRequest.attributes['graphql.operation.name']).toBe('CrearCampana');
    expect(trace.subgraphFetch.attributes['alpes.subgraph']).toBe('marketing');
    expect(trace.workerProcess.attributes['messaging.destination.name']).toBe('marketing.campanas.comandos');
    expect(trace.workerProcess.attributes['messaging.message.id']).toEqual(expect.any(String));

    // comando(correlationId) after the fact: its state (COMPLETADO by now) is delivered under the hub span of the outcome
    const comando = subscribe(stack.gatewayUrl, op.Comando!, { correlationId }, stack.admin);
    open.push(comando);
    await comando.waitFor((event) => event.comando.estado === 'COMPLETADO', 15_000);
    const deliveries = commandDeliveries(collected(), client, correlationId);
    expect(deliveries.map((delivery) => delivery.attributes['messaging.destination.name'])).toContain(TOPICS.resultadosComandos);
    expectNoPersonalData(collected(), [nombre]);
  });
});
