// The marketing service with its workers ON, over a fresh test database and an in-memory bus, plus the steps the
// worker tests share: project an affiliate, create a campaign in a given state, register a conversion.
import { TOPICS, createEnvelope, serializeMessage, type TopicName, type TypedEnvelope } from '@alpes/contracts';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus, type DeliveredMessage } from '@alpes/messaging';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { outcomeOf, postGraphQL, TestGatewayIdentity, TopicRecorder, waitUntil } from '@alpes/testing';
import { createMarketingPrisma, startMarketingSubgraph, type MarketingPrisma, type RetryPolicy } from '../../src/index.js';

export interface MarketingWriteHarness {
  bus: MemoryBus;
  database: ServiceTestDatabase;
  prisma: MarketingPrisma;
  subgraph: RunningServiceServer;
  eventos: TopicRecorder;
  comisionesEventos: TopicRecorder;
  resultados: TopicRecorder;
  /** Every delivery a consumer's handler failed (it was nacked and will be redelivered). */
  failedDeliveries: DeliveredMessage[];
  graphql(query: string, variables?: Record<string, unknown>): ReturnType<typeof postGraphQL>;
  close(): Promise<void>;
}

export async function startMarketingWriteHarness(options: { retry?: RetryPolicy } = {}): Promise<MarketingWriteHarness> {
  const database = await startServiceTestDatabase('marketing');
  const failedDeliveries: DeliveredMessage[] = [];
  const bus = new MemoryBus({ onHandlerError: (_error, message, source) => void (source === 'consumer' && failedDeliveries.push(message)) });
  const prisma = createMarketingPrisma(database.url);
  const gateway = new TestGatewayIdentity();
  const subgraph = await startMarketingSubgraph({
    databaseUrl: database.url,
    port: 0,
    bus,
    identity: gateway.verifier,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const [eventos, comisionesEventos, resultados] = (await Promise.all(
    [TOPICS.marketingEventos, TOPICS.comisionesEventos, TOPICS.resultadosComandos].map((topic) => TopicRecorder.start(bus, topic)),
  )) as [TopicRecorder, TopicRecorder, TopicRecorder];
  return {
    bus,
    database,
    prisma,
    subgraph,
    eventos,
    comisionesEventos,
    resultados,
    failedDeliveries,
    graphql: async (query, variables) => postGraphQL(subgraph.url, query, variables, await gateway.authorization()),
    async close() {
      await subgraph.close();
      await Promise.all([eventos.close(), comisionesEventos.close(), resultados.close()]);
      await bus.close();
      await prisma.$disconnect();
      await database.stop();
    },
  };
}

export const CREAR = `mutation ($input: CrearCampanaInput!) { crearCampana(input: $input) { correlationId id aceptadoEn } }`;
export const mutacionPorId = (name: string) => `mutation ($id: ID!) { ${name}(id: $id) { correlationId id } }`;
export const ASIGNAR = `mutation ($campanaId: ID!, $afiliadoId: ID!) { asignarAfiliado(campanaId: $campanaId, afiliadoId: $afiliadoId) { correlationId id } }`;
export const RECHAZAR = `mutation ($id: ID!, $motivo: String!) { rechazarComision(id: $id, motivo: $motivo) { correlationId id } }`;

export function campanaInput(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nombre: 'Cyber Lunes',
    fechaInicio: '2026-12-01',
    fechaFin: '2026-12-31',
    presupuesto: '5000.00',
    metaConversiones: 100,
    tipo: 'DIGITAL',
    porcentajeComision: '10',
    tags: [],
    afiliadoIds: [],
    ...extra,
  };
}

/** Sends a mutation that must be accepted and waits for its outcome (ComandoCompletado or ComandoRechazado). */
export async function resuelto(h: MarketingWriteHarness, query: string, variables: Record<string, unknown>) {
  const { data, errors } = await h.graphql(query, variables);
  if (errors) throw new Error(`mutation refused: ${JSON.stringify(errors)}`);
  const aceptado = Object.values(data)[0] as { correlationId: string; id: string };
  return { aceptado, resultado: await outcomeOf(h.resultados, aceptado.correlationId) };
}

/** Publishes a message on a topic, as the service that owns it would. */
export async function publicar(h: MarketingWriteHarness, topic: TopicName, envelope: TypedEnvelope): Promise<void> {
  await h.bus.publish(topic, { key: envelope.key, body: serializeMessage(envelope), properties: { type: envelope.type } });
}

/** AfiliadoRegistrado as afiliados.eventos announces a new affiliate. */
export function afiliadoRegistrado(id: string, extra: { comisionBase?: string; estado?: 'ACTIVO' | 'SUSPENDIDO' } = {}) {
  const afiliado = {
    nombre: 'Ana Gómez',
    email: `ana.${id}@example.com`,
    telefono: null,
    tipoAfiliacion: 'PREMIUM' as const,
    comisionBase: '5.00',
    estado: 'ACTIVO' as const,
    ...extra,
    id,
  };
  return createEnvelope('AfiliadoRegistrado', id, { afiliado }, { correlationId: newId() });
}

/** An affiliate as afiliados.eventos announces it; resolves once marketing has projected it. */
export async function afiliadoProyectado(
  h: MarketingWriteHarness,
  extra: { id?: string; comisionBase?: string; estado?: 'ACTIVO' | 'SUSPENDIDO' } = {},
): Promise<string> {
  const { id: chosen, ...rest } = extra;
  const id = chosen ?? newId();
  await publicar(h, TOPICS.afiliadosEventos, afiliadoRegistrado(id, rest));
  await waitUntil(`affiliate ${id} projected`, () => h.prisma.afiliadoProyeccion.findUnique({ where: { id } }));
  return id;
}

const CAMINO: Record<'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED', string[]> = {
  DRAFT: [],
  ACTIVE: ['activarCampana'],
  PAUSED: ['activarCampana', 'pausarCampana'],
  COMPLETED: ['activarCampana', 'finalizarCampana'],
};

/** A campaign created and brought to `estado` through the mutations, each of which must complete. */
export async function campanaEn(h: MarketingWriteHarness, estado: keyof typeof CAMINO, input: Record<string, unknown> = {}): Promise<string> {
  const { aceptado, resultado } = await resuelto(h, CREAR, { input: campanaInput(input) });
  if (resultado.type !== 'ComandoCompletado') throw new Error(`crearCampana was rejected: ${JSON.stringify(resultado.payload)}`);
  for (const mutation of CAMINO[estado]) {
    const paso = await resuelto(h, mutacionPorId(mutation), { id: aceptado.id });
    if (paso.resultado.type !== 'ComandoCompletado') throw new Error(`${mutation} was rejected: ${JSON.stringify(paso.resultado.payload)}`);
  }
  return aceptado.id;
}

/** ConversionRegistrada as conversiones publishes it; resolves with the commission event marketing answers it with. */
export async function conversionRegistrada(h: MarketingWriteHarness, conversion: { afiliadoId: string; campanaId: string; valor: string }) {
  const id = newId();
  const payload = { conversion: { id, moneda: 'USD', tipo: 'VENTA' as const, registradaEn: new Date().toISOString(), ...conversion } };
  await publicar(h, TOPICS.conversionesEventos, createEnvelope('ConversionRegistrada', id, payload, { correlationId: newId() }));
  const forThis = (message: TypedEnvelope<'ComisionCalculada' | 'ComisionRechazada'>) => message.payload.comision.conversionId === id;
  return waitUntil(
    `the commission of conversion ${id}`,
    () => h.comisionesEventos.of('ComisionCalculada', forThis)[0] ?? h.comisionesEventos.of('ComisionRechazada', forThis)[0],
  );
}
