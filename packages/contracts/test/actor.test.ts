import { describe, expect, it } from 'vitest';
import { causedBy, createEnvelope, InvalidMessageError, parseMessage, serializeMessage } from '../src/index.js';

const actor = { sub: 'marta@marketing', scopes: ['campanas:write'] };
const correlationId = '0190a000-0000-7000-8000-00000000000c';
const campanaId = '0190a000-0000-7000-8000-0000000000ca';

describe('the actor in the envelope: who issued a command, carried on by what it causes', () => {
  it('a command carries its actor through serialisation; one without an actor is refused', () => {
    const command = createEnvelope('ActivarCampana', campanaId, { campanaId }, { correlationId, actor });
    expect(parseMessage(serializeMessage(command)).actor).toEqual(actor);
    const { actor: _dropped, ...withoutActor } = command;
    expect(() => parseMessage(JSON.stringify(withoutActor))).toThrow(InvalidMessageError);
    expect(() => parseMessage(JSON.stringify({ ...command, actor: null }))).toThrow(/carries no actor/);
  });

  it('events may have none (null), and everything a message causes keeps its actor and correlationId', () => {
    const command = createEnvelope('ActivarCampana', campanaId, { campanaId }, { correlationId, actor });
    const completed = createEnvelope(
      'ComandoCompletado',
      correlationId,
      { comandoId: command.id, comando: 'ActivarCampana', entidadId: campanaId },
      causedBy(command),
    );
    expect(completed).toMatchObject({ actor, correlationId, causationId: command.id });
    const legacy = JSON.parse(serializeMessage(completed)) as Record<string, unknown>;
    delete legacy.actor; // an event written before actors existed still parses
    expect(parseMessage(JSON.stringify(legacy)).actor).toBeNull();
  });
});
