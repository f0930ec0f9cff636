import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { userOfRole } from '@alpes/testing';
import { shareKeyOf } from '../src/subscriptions/share-key.js';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Evento { eventoId: ID! }
  type Subscription { campanaCreada(desdeEvento: ID, desde: String): Evento! }
`);
const ADMIN = userOfRole('admin');
const OPERATION = 'subscription S($desdeEvento: ID) { campanaCreada(desdeEvento: $desdeEvento) { eventoId } }';
const keyOf = (text: string, variableValues: Record<string, unknown> = {}, identity = ADMIN) =>
  shareKeyOf({ schema, document: parse(text), variableValues }, identity, true);

describe('shareKeyOf: which running execution a subscription may share', () => {
  it('live subscribers of one operation share a key whether they leave desdeEvento out or null', () => {
    const live = keyOf(OPERATION);
    expect(live).toEqual({ key: expect.any(String) });
    expect(keyOf(OPERATION, { desdeEvento: null })).toEqual(live);
  });

  it('a subscriber resuming with desdeEvento gets the same key, and the event to resume after', () => {
    expect(keyOf(OPERATION, { desdeEvento: 'ZXZlbnRv' })).toEqual({ key: keyOf(OPERATION)!.key, resumeAfter: 'ZXZlbnRv' });
  });

  it('another authorization partition, other variables or another text: another key', () => {
    const base = keyOf(OPERATION)!.key;
    expect(keyOf(OPERATION, {}, userOfRole('afiliado', { afiliadoId: '0190a000-0000-7000-8000-0000000000a1' }))!.key).not.toBe(base);
    expect(keyOf(`${OPERATION} `)!.key).not.toBe(base);
  });

  it('runs alone: desde given, desdeEvento written in the text, a cursor variable with a default or used twice, a field that is not shareable', () => {
    expect(keyOf('subscription S($desde: String) { campanaCreada(desde: $desde) { eventoId } }', { desde: '2026-01-01T00:00:00Z' })).toBeUndefined();
    expect(keyOf('subscription { campanaCreada(desdeEvento: "ZXZlbnRv") { eventoId } }')).toBeUndefined();
    expect(keyOf('subscription S($desdeEvento: ID = "ZXZlbnRv") { campanaCreada(desdeEvento: $desdeEvento) { eventoId } }')).toBeUndefined();
    expect(keyOf('subscription S($d: ID) { campanaCreada(desdeEvento: $d) { eventoId } b: campanaCreada(desdeEvento: $d) { eventoId } }')).toBeUndefined();
    expect(shareKeyOf({ schema, document: parse(OPERATION) }, ADMIN, false)).toBeUndefined();
  });
});
