import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeEventoId, encodeEventoId, messageIdForTopic } from '../src/subscriptions/event-cursor.js';

const topic = 'marketing.comisiones.eventos';

describe('eventoId: an opaque, URL-safe cursor of topic and bus message id', () => {
  it('round-trips the topic and message id and uses only URL-safe characters', () => {
    const eventoId = encodeEventoId({ topic, messageId: '0000000000000042' });
    expect(eventoId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(eventoId).not.toContain('0000000000000042');
    expect(decodeEventoId(eventoId)).toEqual({ topic, messageId: '0000000000000042' });
    expect(messageIdForTopic(eventoId, topic, 'desdeEvento')).toBe('0000000000000042');
  });

  it('keeps message ids the transport makes of any characters (Pulsar ids contain colons)', () => {
    const eventoId = encodeEventoId({ topic, messageId: 'CAEQAjAA:12:0:-1' });
    expect(decodeEventoId(eventoId)).toEqual({ topic, messageId: 'CAEQAjAA:12:0:-1' });
  });

  it.each(['', 'not base64!', 'bWFya2V0aW5n', Buffer.from(`\n123`).toString('base64url'), Buffer.from(`${topic}\n`).toString('base64url')])(
    'refuses the malformed eventoId %j',
    (eventoId) => {
      expect(decodeEventoId(eventoId)).toBeUndefined();
    },
  );

  it('refuses a non-canonical spelling (base64 padding) of a valid cursor', () => {
    const eventoId = encodeEventoId({ topic, messageId: '1' });
    expect(decodeEventoId(`${eventoId}=`)).toBeUndefined();
  });

  it('answers BAD_USER_INPUT naming the argument for a malformed id or an id of another topic', () => {
    const other = encodeEventoId({ topic: 'marketing.eventos', messageId: '0000000000000001' });
    for (const [eventoId, problem] of [
      ['%%%', /is not an eventoId/],
      [other, /another event stream/],
    ] as const) {
      let error: GraphQLError | undefined;
      try {
        messageIdForTopic(eventoId, topic, 'desdeEvento');
      } catch (thrown) {
        error = thrown as GraphQLError;
      }
      expect(error?.message).toMatch(/^desdeEvento: /);
      expect(error?.message).toMatch(problem);
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'desdeEvento' });
    }
  });
});
