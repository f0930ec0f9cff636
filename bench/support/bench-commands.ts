import { randomUUID } from 'node:crypto';
import { MESSAGE_CATALOG, createEnvelope, serializeMessage, type PayloadOf } from '@alpes/contracts';
import type { Bus, OutgoingMessage } from '@alpes/messaging';

/** Who the bench's commands say issued them (a mutation sets the verified identity's sub and scopes). */
const BENCH_ACTOR = { sub: 'bench', scopes: ['campanas:write'] };

/** A CrearCampana command envelope as a mutation would queue it (no affiliates: nothing to wait for). */
export function crearCampanaCommand(index: number): { campanaId: string; message: OutgoingMessage } {
  const campanaId = randomUUID();
  const payload: PayloadOf<'CrearCampana'> = MESSAGE_CATALOG.CrearCampana.schema.parse({
    campanaId,
    nombre: `Bench throughput ${index}`,
    descripcion: null,
    fechaInicio: '2026-12-01',
    fechaFin: '2026-12-31',
    presupuesto: '100.00',
    metaConversiones: 1,
    tipo: 'DIGITAL',
    porcentajeComision: '5.00',
    tags: ['bench'],
    afiliadoIds: [],
  });
  const envelope = createEnvelope('CrearCampana', campanaId, payload, { correlationId: randomUUID(), actor: BENCH_ACTOR });
  return { campanaId, message: { key: campanaId, body: serializeMessage(envelope), properties: { type: 'CrearCampana' } } };
}

/** The crearCampana mutation of the latency runs, and its variables. */
export const CREAR_CAMPANA_MUTATION = `mutation ($input: CrearCampanaInput!) { crearCampana(input: $input) { id } }`;
export const crearCampanaVariables = (index: number) => ({
  input: {
    nombre: `Bench latency ${index}`,
    fechaInicio: '2026-12-01',
    fechaFin: '2026-12-31',
    presupuesto: '100.00',
    metaConversiones: 1,
    tipo: 'DIGITAL',
    porcentajeComision: '5',
  },
});

/** Publishes every message with `window` publishes in flight at once (each lane waits for its confirmation). */
export async function publishWindowed(bus: Bus, topic: string, messages: readonly OutgoingMessage[], window: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < messages.length; index = next++) await bus.publish(topic, messages[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(window, messages.length) }, lane));
}

/** One crearCampana through the gateway, timed until its campanaCreada reaches `live` (a graphql-ws subscription). */
export async function timedCrearCampana(
  gatewayUrl: string,
  authorization: string,
  live: { waitFor(predicate: (event: { campanaCreada: { campana: { id: string } } }) => boolean, timeoutMs?: number): Promise<unknown> },
  index: number,
): Promise<{ id: string; start: number; acceptedMs: number; receivedAt: number }> {
  const start = performance.now();
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: CREAR_CAMPANA_MUTATION, variables: crearCampanaVariables(index) }),
  });
  const { data } = (await response.json()) as { data: { crearCampana: { id: string } } };
  const acceptedMs = performance.now() - start;
  await live.waitFor((event) => event.campanaCreada.campana.id === data.crearCampana.id, 15_000);
  return { id: data.crearCampana.id, start, acceptedMs, receivedAt: performance.now() };
}
