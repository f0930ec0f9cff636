/**
 * The business scenario of business-flow.test.ts, on a real Apache Pulsar broker (BUS=pulsar): every command,
 * event and outcome travels through persistent://public/default/<seed topic>. Needs npm run pulsar:start.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TOPICS } from '@alpes/contracts';
import type { Bus } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';
import { flowClient, campanaInput, op } from './support/flow.js';
import { assertBrokerReachable, connectPulsarBus, prepareSeedTopics, topicName, topicsOnBroker } from './support/pulsar.js';
import { describePulsar } from './support/pulsar-client.js';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let bus: Bus;
const flow = flowClient(() => stack.gatewayUrl, () => stack.admin);

beforeAll(async () => {
  await assertBrokerReachable();
  await prepareSeedTopics();
  bus = await connectPulsarBus();
  stack = await startTestStack({ bus, seed: { afiliados: 5, conversiones: 10 } });
});
afterAll(async () => {
  await flow.disposeAll();
  await stack?.stop();
  await bus?.close();
});

describePulsar('the business flow on Pulsar, through the gateway', () => {
  // Each test registers its own affiliate and campaign (so `-t` runs any one alone). Subscriptions replay from a time
  // taken before the mutation (desde): the hub's shared reader opens at the topic's last message, so no pause is needed.
  const since = () => new Date(Date.now() - 50).toISOString(); // the broker's clock stamps publishTime: this machine's
  async function registrarAfiliado() {
    const registro = await flow.completed(op.RegistrarAfiliado!, {
      input: { nombre: 'Lucía Restrepo', email: `lucia.${Date.now()}.${Math.random()}@example.com`, telefono: '+57 300 123 4567', tipoAfiliacion: 'STANDARD', comisionBase: '5' },
    });
    return registro.id;
  }

  it('registers an affiliate and creates a campaign with it; campanaCreada arrives with the affiliate name hydrated', async () => {
    expect(stack.bus).toBe(bus);
    const afiliadoId = await registrarAfiliado();
    const creadas = flow.live(op.CampanaCreada!, { desde: since() });
    const creada = await flow.send(op.CrearCampana!, { input: campanaInput('Campaña Navidad Pulsar', [afiliadoId]) });
    const campanaId = creada.id;
    const event = await creadas.waitFor((e) => e.campanaCreada.campana.id === campanaId, 30_000);
    expect(event.campanaCreada.correlationId).toBe(creada.correlationId);
    expect(event.campanaCreada.campana).toMatchObject({ nombre: 'Campaña Navidad Pulsar', estado: 'DRAFT', afiliados: [{ id: afiliadoId, nombre: 'Lucía Restrepo' }] });
    expect(await flow.outcome(creada.correlationId)).toMatchObject({ estado: 'COMPLETADO', entidadId: campanaId });
  });

  it('activates it, registers a conversion of 200.00 at 10 %, streams comisionCalculada of 20.00 with names, then approves and pays', async () => {
    const afiliadoId = await registrarAfiliado();
    const campanaId = (await flow.completed(op.CrearCampana!, { input: campanaInput('Campaña Navidad Pulsar', [afiliadoId]) })).id;
    await flow.completed(op.ActivarCampana!, { id: campanaId });
    const calculadas = flow.live(op.ComisionCalculada!, { afiliadoId, desde: since() });
    const conversion = await flow.completed(op.RegistrarConversion!, {
      input: { afiliadoId, campanaId, valor: '200.00', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'e2e-pulsar' } },
    });
    const { comisionCalculada } = await calculadas.waitFor((e) => e.comisionCalculada.comision.conversion.id === conversion.id, 30_000);
    expect(comisionCalculada.comision).toMatchObject({
      monto: '20.00',
      porcentaje: '10.00',
      estado: 'CALCULADA',
      afiliado: { nombre: 'Lucía Restrepo' },
      campana: { nombre: 'Campaña Navidad Pulsar' },
      conversion: { id: conversion.id, valor: '200.00' },
    });
    expect(comisionCalculada.correlationId).toBe(conversion.correlationId);
    const comisionId: string = comisionCalculada.comision.id;

    let found = false;
    for (let after: string | null = null, page = 0; page < 50 && !found; page += 1) {
      const { data }: { data?: any } = await postGraphQL(stack.gatewayUrl, op.ComisionesPendientes!, { first: 100, after }, stack.admin);
      found = data!.comisionesPendientes.nodes.some((node: { id: string }) => node.id === comisionId);
      if (!data!.comisionesPendientes.pageInfo.hasNextPage) break;
      after = data!.comisionesPendientes.pageInfo.endCursor;
    }
    expect(found).toBe(true);

    await flow.completed(op.AprobarComision!, { id: comisionId });
    await flow.completed(op.PagarComision!, { id: comisionId });
    const { data } = await postGraphQL(stack.gatewayUrl, op.Comision!, { id: comisionId }, stack.admin);
    expect(data!.comision).toMatchObject({ id: comisionId, estado: 'PAGADA', aprobadaEn: expect.any(String), pagadaEn: expect.any(String) });
  });

  it('left the seed topics on the broker (admin REST: GET /admin/v2/persistent/public/default)', async () => {
    const topics = await topicsOnBroker();
    for (const topic of [TOPICS.campanasComandos, TOPICS.marketingEventos, TOPICS.comisionesEventos]) expect(topics).toContain(topicName(topic));
    expect(topicName(TOPICS.campanasComandos)).toBe('persistent://public/default/marketing.campanas.comandos');
  });
});
