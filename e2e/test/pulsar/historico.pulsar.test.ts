/**
 * History on Pulsar: a client that connects LATE replays campanaCreada from the broker's retained topic, from a
 * time (desde) or strictly after an eventoId (desdeEvento), then continues live. Needs npm run pulsar:start.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bus } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { CAMPANA_CREADA_DESDE, campanaInput, flowClient, op, type Accepted } from './support/flow.js';
import { assertBrokerReachable, connectPulsarBus, prepareSeedTopics } from './support/pulsar.js';
import { describePulsar } from './support/pulsar-client.js';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let bus: Bus;
const flow = flowClient(() => stack.gatewayUrl, () => stack.admin);

beforeAll(async () => {
  await assertBrokerReachable();
  await prepareSeedTopics();
  bus = await connectPulsarBus();
  stack = await startTestStack({ bus, seed: false });
});
afterAll(async () => {
  await flow.disposeAll();
  await stack?.stop();
  await bus?.close();
});

const ids = (events: { campanaCreada: { campana: { id: string } } }[]) => events.map((event) => event.campanaCreada.campana.id);

describePulsar('campanaCreada replayed from the broker, then live', () => {
  // Each test creates its own campaigns (so `-t` runs any one alone).
  async function crearCampanas(nombres: string[]): Promise<Accepted[]> {
    const creadas: Accepted[] = [];
    for (const nombre of nombres) {
      const accepted = await flow.send(op.CrearCampana!, { input: campanaInput(nombre) });
      expect(await flow.outcome(accepted.correlationId)).toMatchObject({ estado: 'COMPLETADO' });
      creadas.push(accepted);
    }
    return creadas;
  }

  it('a NEW client subscribing with desde (a time before the first) receives the 3 earlier campaigns in order, then a 4th live', async () => {
    // the broker's clock stamps publishTime; this machine's clock is the same one
    const desde = new Date(Date.now() - 50).toISOString();
    // the three events are on marketing.eventos once their commands completed (the outbox publishes them first)
    const creadas = await crearCampanas(['Histórica 1', 'Histórica 2', 'Histórica 3']);

    const tardio = flow.live(CAMPANA_CREADA_DESDE, { desde });
    await tardio.waitFor((event) => event.campanaCreada.campana.id === creadas[2]!.id, 30_000);
    expect(ids(tardio.events)).toEqual(creadas.map((creada) => creada.id));
    expect(tardio.events.map((event) => event.campanaCreada.campana.nombre)).toEqual(['Histórica 1', 'Histórica 2', 'Histórica 3']);
    expect(tardio.events.map((event) => event.campanaCreada.correlationId)).toEqual(creadas.map((creada) => creada.correlationId));

    const cuarta = await flow.send(op.CrearCampana!, { input: campanaInput('Histórica 4 (en vivo)') });
    creadas.push(cuarta);
    await tardio.waitFor((event) => event.campanaCreada.campana.id === cuarta.id, 30_000);
    expect(ids(tardio.events)).toEqual(creadas.map((creada) => creada.id));
    expect(tardio.errors).toEqual([]);
    expect(new Set(tardio.events.map((event) => event.campanaCreada.eventoId)).size).toBe(4);
  });

  it('desdeEvento = the first one\'s eventoId yields exactly #2, #3 and #4', async () => {
    const desde = new Date(Date.now() - 50).toISOString();
    const creadas = await crearCampanas(['Reanudada 1', 'Reanudada 2', 'Reanudada 3']);
    const tardio = flow.live(CAMPANA_CREADA_DESDE, { desde });
    const primerEventoId = (await tardio.waitFor((event) => event.campanaCreada.campana.id === creadas[0]!.id, 30_000)).campanaCreada.eventoId;
    const reanudado = flow.live(op.CampanaCreada!, { desdeEvento: primerEventoId });
    await reanudado.waitFor((event) => event.campanaCreada.campana.id === creadas[2]!.id, 30_000);
    const cuarta = await flow.send(op.CrearCampana!, { input: campanaInput('Reanudada 4 (en vivo)') });
    creadas.push(cuarta);
    await reanudado.waitFor((event) => event.campanaCreada.campana.id === cuarta.id, 30_000);
    // the broker is shared: other runs' campaigns may interleave; ours arrive once each, in order, the first left out
    const propios = new Set(creadas.map((creada) => creada.id));
    expect(ids(reanudado.events).filter((id) => propios.has(id))).toEqual(creadas.slice(1).map((creada) => creada.id));
    expect(reanudado.errors).toEqual([]);
  });
});
