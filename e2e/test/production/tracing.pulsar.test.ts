// One mutation is one trace across every process: the gateway, the marketing subgraph, its worker and outbox relay
// (npm run start -w …, each its own OS process), through a real Apache Pulsar broker, back to the gateway's
// subscription delivery. Every process exports to an OTLP/HTTP receiver this test starts (JSON protocol), configured
// only by the standard OTEL_* variables. Needs npm run pulsar:start.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startProcessStack, subscribe, type LiveSubscription, type ProcessName, type ProcessStack } from '@alpes/testing';
import { loadOperations } from '../support/operations.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { clientTraceparent, commandDeliveries, crearCampanaTraced, expectNoPersonalData, mutationTrace, type MutationTrace } from '../support/trace-chain.js';
import { describePulsar, PULSAR_CLIENT_UNDER_TEST } from '../pulsar/support/pulsar-client.js';

const op = loadOperations('FlujoNegocio.graphql');
let stack: ProcessStack;
let receiver: OtlpReceiver;
const open: LiveSubscription<any>[] = [];
const named = (name: ProcessName) => ({ OTEL_SERVICE_NAME: name });

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await startProcessStack({
    migrate: 'db:migrate',
    pulsarClient: PULSAR_CLIENT_UNDER_TEST,
    env: {
      // a short batch delay: spans reach the receiver within a fraction of a second
      all: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '200' },
      gateway: named('gateway'),
      marketing: named('marketing'),
      afiliados: named('afiliados'),
      conversiones: named('conversiones'),
    },
  });
}, 240_000);
afterEach((context) => {
  if (context.task.result?.state === 'fail' && stack) console.error(stack.describe(80));
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.dispose()));
  await stack?.stop();
  await receiver?.close();
}, 120_000);

/** Polls the receiver until `check` passes on what it has (each process exports on its own schedule). */
async function eventually<T>(check: () => T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250)); // polling an external exporter's schedule, not synchronising our own code
  }
}

/** The whole path of the mutation, once the receiver has it. */
const collectedTrace = (client: { traceId: string; spanId: string }, correlationId: string): Promise<MutationTrace> =>
  eventually(() => mutationTrace(receiver.spans(), client, correlationId));

describePulsar('one OpenTelemetry trace from a mutation to its subscriber, across processes and Pulsar', () => {
  it('crearCampana: gateway → marketing subgraph → command on Pulsar → worker transaction → outbox relay → gateway hub → delivery, one trace id, right parents', async () => {
    const creadas = subscribe(stack.gatewayUrl, op.CampanaCreada!, { desde: new Date(Date.now() - 50).toISOString() }, stack.admin);
    open.push(creadas);
    const client = clientTraceparent();
    const nombre = 'Campaña trazada entre procesos';
    const { correlationId, id } = await crearCampanaTraced(stack.gatewayUrl, stack.admin, op.CrearCampana!, client.traceparent, nombre);
    await creadas.waitFor((event) => event.campanaCreada.campana.id === id, 30_000);

    const trace = await collectedTrace(client, correlationId);
    expect(receiver.refused()).toEqual([]);
    // which process made each step
    expect({
      gatewayRequest: trace.gatewayRequest.service,
      subgraphFetch: trace.subgraphFetch.service,
      marketingRequest: trace.marketingRequest.service,
      workerProcess: trace.workerProcess.service,
      workerTransaction: trace.workerTransaction.service,
      relayPublish: trace.relayPublish.service,
      hubReceive: trace.hubReceive.service,
      delivery: trace.delivery.service,
      hydrationFetch: trace.hydrationFetch.service,
    }).toEqual({
      gatewayRequest: 'gateway',
      subgraphFetch: 'gateway',
      marketingRequest: 'marketing',
      workerProcess: 'marketing',
      workerTransaction: 'marketing',
      relayPublish: 'marketing',
      hubReceive: 'gateway',
      delivery: 'gateway',
      hydrationFetch: 'gateway',
    });
    expect(trace.workerProcess.attributes['messaging.message.id']).toEqual(expect.any(String));

    // comando(correlationId) after the fact: the gateway delivers its state under the hub span of the outcome
    const comando = subscribe(stack.gatewayUrl, op.Comando!, { correlationId }, stack.admin);
    open.push(comando);
    await comando.waitFor((event) => event.comando.estado === 'COMPLETADO', 30_000);
    const deliveries = await eventually(() => commandDeliveries(receiver.spans(), client, correlationId));
    expect(deliveries.map((delivery) => delivery.service)).toEqual(deliveries.map(() => 'gateway'));
    expectNoPersonalData(receiver.spans(), [nombre]);

    // the marketing worker's log line of this command carries the trace and the correlationId
    const lines = stack.processes.marketing
      .output()
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as { msg?: string; correlationId?: string; trace_id?: string; span_id?: string }];
        } catch {
          return [];
        }
      });
    expect(lines.filter((line) => line.correlationId === correlationId)).toEqual([
      expect.objectContaining({ msg: 'command completed', trace_id: client.traceId, span_id: trace.workerProcess.spanId }),
    ]);
  });
});
