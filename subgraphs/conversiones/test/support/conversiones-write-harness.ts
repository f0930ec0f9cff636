// The conversiones service with its workers ON, over a fresh test database and an in-memory bus.
import { TOPICS } from '@alpes/contracts';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus, type DeliveredMessage } from '@alpes/messaging';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { createConversionesPrisma, startConversionesSubgraph, type ConversionesPrisma } from '../../src/index.js';
import { outcomeOf, postGraphQL, TestGatewayIdentity, TopicRecorder } from '@alpes/testing';

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

export const REGISTRAR = `mutation ($input: RegistrarConversionInput!) { registrarConversion(input: $input) { correlationId id aceptadoEn } }`;

/** A valid input; each call has its own affiliate and campaign, so its command can be told apart on the topic. */
export function conversionValida(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    afiliadoId: newId(),
    campanaId: newId(),
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
