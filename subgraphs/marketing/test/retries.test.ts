// Retries, with the retry policy given to the service (milliseconds here; 25 × 200 ms in production):
// RetryLater while marketing has not projected an affiliate, then a rejection with its motivo once the retries are
// spent; a command that keeps failing for an unexpected reason still ends in ComandoRechazado.
import { parseMessage } from '@alpes/contracts';
import { newId } from '@alpes/platform';
import { outcomeOf, waitUntil } from '@alpes/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASIGNAR,
  CREAR,
  afiliadoProyectado,
  campanaEn,
  campanaInput,
  conversionRegistrada,
  resuelto,
  startMarketingWriteHarness,
  type MarketingWriteHarness,
} from './support/marketing-write-harness.js';

/** The redelivery counts of the failed deliveries of the messages with this correlation id (or message id), in order. */
function fallos(h: MarketingWriteHarness, correlationOrMessageId: string): number[] {
  return h.failedDeliveries
    .filter((delivered) => {
      const message = parseMessage(delivered.body);
      return message.correlationId === correlationOrMessageId || message.id === correlationOrMessageId;
    })
    .map((delivered) => delivered.redeliveryCount);
}

describe('with 3 retries 20 ms apart', () => {
  const retry = { maxRetries: 3, redeliveryDelayMs: 20 };
  let h: MarketingWriteHarness;

  beforeAll(async () => {
    h = await startMarketingWriteHarness({ retry });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asignarAfiliado of an affiliate marketing never learns: retried maxRetries times, then ComandoRechazado naming it', async () => {
    const campanaId = await campanaEn(h, 'ACTIVE');
    const desconocido = newId();
    const { aceptado, resultado } = await resuelto(h, ASIGNAR, { campanaId, afiliadoId: desconocido });
    expect(resultado).toMatchObject({
      type: 'ComandoRechazado',
      payload: { comando: 'AsignarAfiliado', entidadId: campanaId, motivo: `Afiliado desconocido: ${desconocido}` },
    });
    // deliveries 0, 1 and 2 were nacked (RetryLater); delivery 3 is the last retry, answered with the rejection
    expect(fallos(h, aceptado.correlationId)).toEqual([0, 1, 2]);
    expect(await h.prisma.campanaAfiliado.count({ where: { campanaId } })).toBe(0);
    expect(await h.prisma.inboxMessage.findFirst({ where: { correlationId: aceptado.correlationId } })).toMatchObject({
      outcome: 'RECHAZADO',
      reason: `Afiliado desconocido: ${desconocido}`,
    });
  });

  it('crearCampana with an unknown affiliate: retried, then ComandoRechazado; no campaign is created', async () => {
    const desconocido = newId();
    const { aceptado, resultado } = await resuelto(h, CREAR, { input: campanaInput({ afiliadoIds: [desconocido] }) });
    expect(resultado).toMatchObject({
      type: 'ComandoRechazado',
      payload: { comando: 'CrearCampana', entidadId: aceptado.id, motivo: `Afiliados desconocidos: ${desconocido}` },
    });
    expect(fallos(h, aceptado.correlationId)).toEqual([0, 1, 2]);
    expect(await h.prisma.campana.findUnique({ where: { id: aceptado.id } })).toBeNull();
  });

  it('a conversion of an affiliate marketing never learns: retried, then its commission is RECHAZADA on the final attempt', async () => {
    const campanaId = await campanaEn(h, 'ACTIVE');
    const evento = await conversionRegistrada(h, { afiliadoId: newId(), campanaId, valor: '100.00' });
    expect(evento).toMatchObject({
      type: 'ComisionRechazada',
      payload: { comision: { estado: 'RECHAZADA', motivo: 'El afiliado no es conocido por marketing', porcentaje: '10.00' } },
    });
    const [conversion] = h.failedDeliveries
      .map((delivered) => parseMessage(delivered.body))
      .filter((message) => message.key === evento.payload.comision.conversionId);
    expect(fallos(h, conversion!.id)).toEqual([0, 1, 2]);
  });

  it('a command that fails for an unexpected reason on every attempt ends in ComandoRechazado after maxRetries + 5 redeliveries', async () => {
    // A database fault the handler does not expect: a trigger refuses this one campaign name.
    await h.prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_falla_inesperada() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.nombre = 'Falla inesperada' THEN RAISE EXCEPTION 'simulated database fault'; END IF; RETURN NEW; END $$`);
    await h.prisma.$executeRawUnsafe('CREATE TRIGGER test_falla_inesperada BEFORE INSERT ON campanas FOR EACH ROW EXECUTE FUNCTION test_falla_inesperada()');
    try {
      const { aceptado, resultado } = await resuelto(h, CREAR, { input: campanaInput({ nombre: 'Falla inesperada' }) });
      expect(resultado).toMatchObject({
        type: 'ComandoRechazado',
        payload: { comando: 'CrearCampana', motivo: expect.stringMatching(/could not be applied \(internal error\)/) },
      });
      expect(fallos(h, aceptado.correlationId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(await h.prisma.campana.findUnique({ where: { id: aceptado.id } })).toBeNull();
      expect(await h.prisma.inboxMessage.findFirst({ where: { correlationId: aceptado.correlationId } })).toMatchObject({ outcome: 'RECHAZADO' });
    } finally {
      await h.prisma.$executeRawUnsafe('DROP TRIGGER test_falla_inesperada ON campanas');
    }
  });
});

describe('with a retry window longer than the wait for the projection', () => {
  let h: MarketingWriteHarness;

  beforeAll(async () => {
    h = await startMarketingWriteHarness({ retry: { maxRetries: 400, redeliveryDelayMs: 25 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asignarAfiliado of an affiliate projected after the first attempt: RetryLater, then ComandoCompletado', async () => {
    const campanaId = await campanaEn(h, 'ACTIVE');
    const afiliadoId = newId();
    const { data } = await h.graphql(ASIGNAR, { campanaId, afiliadoId });
    const { correlationId } = data.asignarAfiliado;
    await waitUntil('the first RetryLater', () => fallos(h, correlationId).length > 0);
    await afiliadoProyectado(h, { id: afiliadoId });
    expect(await outcomeOf(h.resultados, correlationId)).toMatchObject({
      type: 'ComandoCompletado',
      payload: { comando: 'AsignarAfiliado', entidadId: campanaId },
    });
    expect(fallos(h, correlationId)[0]).toBe(0);
    expect(await h.prisma.campanaAfiliado.findMany({ where: { campanaId } })).toMatchObject([{ afiliadoId }]);
  });
});
