// The conversiones service with its workers ON, over a fresh test database and an in-memory bus.
import { TOPICS, createEnvelope, serializeMessage, type TypedEnvelope } from '@alpes/contracts';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus, type DeliveredMessage } from '@alpes/messaging';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { createConversionesPrisma, startConversionesSubgraph, type ConversionesPrisma } from '../../src/index.js';
import { outcomeOf, postGraphQL, TestGatewayIdentity, TopicRecorder, waitUntil } from '@alpes/testing';

export interface ConversionesWriteHarness {
  bus: MemoryBus;
  prisma: ConversionesPrisma;
  subgraph: RunningServiceServer;
  comandos: TopicRecorder;
  eventos: TopicRecorder;
  resultados: TopicRecorder;
  /** Every delivery a consumer's handler failed (it was nacked and will be redelivered). */
  failedDeliveries: DeliveredMessage[];
  graphql(query: string, variables?: Record<string, unknown>): ReturnType<typeof postGraphQL>;
  close(): Promise<void>;
}

export async function startConversionesWriteHarness(): Promise<ConversionesWriteHarness> {
  const database: ServiceTestDatabase = await startServiceTestDatabase('conversiones');
  const failedDeliveries: DeliveredMessage[] = [];
  const bus = new MemoryBus({ onHandlerError: (_error, message, source) => void (source === 'consumer' && failedDeliveries.push(message)) });
  const prisma = createConversionesPrisma(database.url);
  const gateway = new TestGatewayIdentity();
  const subgraph = await startConversionesSubgraph({ databaseUrl: database.url, port: 0, bus, identity: gateway.verifier });
  const [comandos, eventos, resultados] = (await Promise.all(
    [TOPICS.conversionesComandos, TOPICS.conversionesEventos, TOPICS.resultadosComandos].map((topic) => TopicRecorder.start(bus, topic)),
  )) as [TopicRecorder, TopicRecorder, TopicRecorder];
  const harness: ConversionesWriteHarness = {
    bus,
    prisma,
    subgraph,
    comandos,
    eventos,
    resultados,
    failedDeliveries,
    graphql: async (query, variables) => postGraphQL(subgraph.url, query, variables, await gateway.authorization()),
    async close() {
      await subgraph.close();
      await Promise.all([comandos.close(), eventos.close(), resultados.close()]);
      await bus.close();
      await prisma.$disconnect();
      await database.stop();
    },
  };
  await campanaProyectada(harness, CAMPANA_CONOCIDA, 'Campaña conocida');
  return harness;
}

/** The campaign every conversionValida is registered in: the harness projects it (CampanaCreada) before any test. */
export const CAMPANA_CONOCIDA = newId();

/** Publishes a message on a topic, as the service that owns it would. */
export async function publicar(h: Pick<ConversionesWriteHarness, 'bus'>, envelope: TypedEnvelope, topic = TOPICS.marketingEventos): Promise<void> {
  await h.bus.publish(topic, { key: envelope.key, body: serializeMessage(envelope), properties: { type: envelope.type } });
}

/** CampanaCreada as marketing publishes it on marketing.eventos (only id and nombre matter to conversiones). */
export function campanaCreada(id: string, nombre: string) {
  const campana = {
    id,
    nombre,
    estado: 'DRAFT' as const,
    tipo: 'DIGITAL' as const,
    fechaInicio: '2026-12-01',
    fechaFin: '2026-12-31',
    presupuesto: '1000.00',
    porcentajeComision: '10.00',
    afiliadoIds: [],
  };
  return createEnvelope('CampanaCreada', id, { campana }, { correlationId: newId() });
}

/** Publishes CampanaCreada and resolves once conversiones has projected the campaign. */
export async function campanaProyectada(h: Pick<ConversionesWriteHarness, 'bus' | 'prisma'>, id: string, nombre: string): Promise<void> {
  await publicar(h, campanaCreada(id, nombre));
  await waitUntil(`campaign ${id} projected`, () => h.prisma.campanaProyeccion.findUnique({ where: { id } }));
}

export const REGISTRAR = `mutation ($input: RegistrarConversionInput!) { registrarConversion(input: $input) { correlationId id aceptadoEn } }`;

/** A valid input, in the known campaign; each call has its own affiliate, so its command can be told apart on the topic. */
export function conversionValida(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    afiliadoId: newId(),
    campanaId: CAMPANA_CONOCIDA,
    valor: '120.50',
    moneda: 'usd',
    tipo: 'VENTA',
    metadata: { canal: 'web', cupon: 'VERANO', items: [1, 2] },
    ...overrides,
  };
}

/** Sends a mutation that must be accepted, and waits for its outcome on comandos.resultados. */
export async function aceptadoYResuelto(harness: ConversionesWriteHarness, variables: Record<string, unknown>) {
  const { data, errors } = await harness.graphql(REGISTRAR, variables);
  if (errors) throw new Error(`mutation refused: ${JSON.stringify(errors)}`);
  const aceptado = data.registrarConversion as { correlationId: string; id: string; aceptadoEn: string };
  const resultado = await outcomeOf(harness.resultados, aceptado.correlationId);
  return { aceptado, resultado };
}
