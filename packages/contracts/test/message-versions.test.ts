import { randomUUID } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  InvalidMessageError,
  MESSAGE_CATALOG,
  acceptedVersions,
  createEnvelope,
  createMessageParser,
  parseMessage,
  serializeMessage,
  type MessageCatalog,
  type PayloadOf,
  type ReceivedPayloadIn,
} from '../src/index.js';
import { CampanaCreadaV2 } from './fixtures/campana-creada-v2.js';

const campana = {
  id: randomUUID(),
  nombre: 'Verano',
  estado: 'DRAFT',
  tipo: 'DIGITAL',
  fechaInicio: '2026-12-01',
  fechaFin: '2026-12-31',
  presupuesto: '1000.00',
  porcentajeComision: '5.00',
  afiliadoIds: [],
} as const;
const campanaV2 = { ...campana, presupuesto: { monto: '1000.00', moneda: 'EUR' } };

/** The real catalog with CampanaCreada moved to version 2, version 1 still accepted (the versioning rule). */
const CATALOG_WITH_V2 = {
  ...MESSAGE_CATALOG,
  CampanaCreada: { ...MESSAGE_CATALOG.CampanaCreada, schema: CampanaCreadaV2, version: 2, earlierVersions: { 1: MESSAGE_CATALOG.CampanaCreada.schema } },
} satisfies MessageCatalog;

function campanaCreada(payload: unknown, version: number): string {
  return serializeMessage(createEnvelope('CampanaCreada', campana.id, payload, { correlationId: randomUUID() }, version));
}

describe('message versions', () => {
  it('producers stamp the version the catalog lists (1 for every real message type)', () => {
    const envelope = createEnvelope('CampanaCreada', campana.id, { campana }, { correlationId: randomUUID() });

    expect(envelope.version).toBe(1);
    expect(parseMessage(serializeMessage(envelope)).payload).toEqual({ campana });
  });

  it('the real catalog rejects a version it does not list, naming the accepted ones', () => {
    expect(() => parseMessage(campanaCreada({ campana: campanaV2 }, 2))).toThrow(
      new InvalidMessageError('CampanaCreada version 2 is not accepted (accepted: 1)'),
    );
  });

  it('with a version 2 listed beside version 1, consumers accept both, each against its own schema', () => {
    const parse = createMessageParser(CATALOG_WITH_V2);

    expect(acceptedVersions(CATALOG_WITH_V2.CampanaCreada).map(([version]) => version)).toEqual([1, 2]);
    expect(parse(campanaCreada({ campana }, 1))).toMatchObject({ version: 1, payload: { campana } });
    expect(parse(campanaCreada({ campana: campanaV2 }, 2))).toMatchObject({ version: 2, payload: { campana: campanaV2 } });
  });

  it('handlers are typed with both versions, so the compiler makes them deal with each', () => {
    expectTypeOf<ReceivedPayloadIn<typeof CATALOG_WITH_V2, 'CampanaCreada'>>().toEqualTypeOf<PayloadOf<'CampanaCreada'> | z.infer<typeof CampanaCreadaV2>>();
    expectTypeOf<ReceivedPayloadIn<typeof MESSAGE_CATALOG, 'CampanaCreada'>>().toEqualTypeOf<PayloadOf<'CampanaCreada'>>();
  });

  it('a payload labelled with the other version, or an unlisted version, is invalid', () => {
    const parse = createMessageParser(CATALOG_WITH_V2);

    expect(() => parse(campanaCreada({ campana }, 2))).toThrow(/invalid CampanaCreada v2 payload/);
    expect(() => parse(campanaCreada({ campana: campanaV2 }, 1))).toThrow(/invalid CampanaCreada v1 payload/);
    expect(() => parse(campanaCreada({ campana }, 3))).toThrow('CampanaCreada version 3 is not accepted (accepted: 1, 2)');
  });

  it('an unknown type or a body that is no envelope is invalid', () => {
    const parse = createMessageParser(CATALOG_WITH_V2);

    expect(() => parse(serializeMessage(createEnvelope('CampanaBorrada', campana.id, {}, { correlationId: randomUUID() })))).toThrow(
      'unknown message type CampanaBorrada',
    );
    expect(() => parse('{"type":"CampanaCreada"}')).toThrow(/invalid envelope/);
    expect(() => parse('not json')).toThrow('message body is not JSON');
  });
});
