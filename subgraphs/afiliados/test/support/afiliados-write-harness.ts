// The afiliados service with its workers ON, over a fresh test database and an in-memory bus.
import { TOPICS } from '@alpes/contracts';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus, type DeliveredMessage } from '@alpes/messaging';
import type { RunningServiceServer } from '@alpes/platform';
import { createAfiliadosPrisma, startAfiliadosSubgraph, type AfiliadosPrisma } from '../../src/index.js';
import { outcomeOf, postGraphQL, TestGatewayIdentity, TopicRecorder } from '@alpes/testing';

export interface AfiliadosWriteHarness {
  bus: MemoryBus;
  prisma: AfiliadosPrisma;
  subgraph: RunningServiceServer;
  comandos: TopicRecorder;
  eventos: TopicRecorder;
  resultados: TopicRecorder;
  /** Every delivery a consumer's handler failed (it was nacked and will be redelivered). */
  failedDeliveries: DeliveredMessage[];
  graphql(query: string, variables?: Record<string, unknown>): ReturnType<typeof postGraphQL>;
  close(): Promise<void>;
}

export async function startAfiliadosWriteHarness(): Promise<AfiliadosWriteHarness> {
  const database: ServiceTestDatabase = await startServiceTestDatabase('afiliados');
  const failedDeliveries: DeliveredMessage[] = [];
  const bus = new MemoryBus({ onHandlerError: (_error, message, source) => void (source === 'consumer' && failedDeliveries.push(message)) });
  const prisma = createAfiliadosPrisma(database.url);
  const gateway = new TestGatewayIdentity();
  const subgraph = await startAfiliadosSubgraph({ databaseUrl: database.url, port: 0, bus, identity: gateway.verifier });
  const [comandos, eventos, resultados] = (await Promise.all(
    [TOPICS.afiliadosComandos, TOPICS.afiliadosEventos, TOPICS.resultadosComandos].map((topic) => TopicRecorder.start(bus, topic)),
  )) as [TopicRecorder, TopicRecorder, TopicRecorder];
  return {
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
}

export const REGISTRAR = `mutation ($input: RegistrarAfiliadoInput!) { registrarAfiliado(input: $input) { correlationId id aceptadoEn } }`;
export const ACTUALIZAR = `mutation ($id: ID!, $input: ActualizarAfiliadoInput!) { actualizarAfiliado(id: $id, input: $input) { correlationId id aceptadoEn } }`;

let sequence = 0;
/** A valid registration input with an email no other test uses. */
export function registroValido(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    nombre: `Afiliada ${sequence}`,
    email: `afiliada.${sequence}.${Date.now()}@example.com`,
    telefono: '+57 (300) 123-4567',
    tipoAfiliacion: 'PREMIUM',
    comisionBase: '12.5',
    ...overrides,
  };
}

/** Sends a mutation that must be accepted, and waits for its outcome on comandos.resultados. */
export async function aceptadoYResuelto(harness: AfiliadosWriteHarness, query: string, variables: Record<string, unknown>) {
  const { data, errors } = await harness.graphql(query, variables);
  if (errors) throw new Error(`mutation refused: ${JSON.stringify(errors)}`);
  const aceptado = Object.values(data)[0] as { correlationId: string; id: string; aceptadoEn: string };
  const resultado = await outcomeOf(harness.resultados, aceptado.correlationId);
  return { aceptado, resultado };
}
