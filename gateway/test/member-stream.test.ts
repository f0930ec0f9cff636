import { describe, expect, it } from 'vitest';
import { userOfRole } from '@alpes/testing';
import { MemberStream } from '../src/subscriptions/member-stream.js';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { SharedPayload, sharedPayloadReplacer, withSharedPayload } from '../src/subscriptions/shared-payload.js';

const overflowResult = { data: null, errors: [] };

function member(maxPending = 3, overflowsAfter: (string | undefined)[] = []) {
  const left: MemberStream[] = [];
  const stream = new MemberStream({
    joinedAfter: 0,
    identity: userOfRole('admin'),
    maxPending,
    overflow: (lastEventoId) => {
      overflowsAfter.push(lastEventoId);
      return overflowResult;
    },
    leave: (gone) => void left.push(gone),
  });
  return { stream, left };
}

describe('MemberStream: one subscriber of a shared execution', () => {
  it('yields the shared payloads in order, the same objects for every member', async () => {
    const [first, second] = [member(), member()];
    const payloads = [new SharedPayload('{"data":1}'), new SharedPayload('{"data":2}')];
    for (const payload of payloads) for (const { stream } of [first!, second!]) stream.deliver(payload);
    for (const { stream } of [first!, second!]) {
      expect((await stream.next()).value).toBe(payloads[0]);
      expect((await stream.next()).value).toBe(payloads[1]);
    }
  });

  it('a member that falls maxPending behind gets the overflow result, then ends and leaves the group once', async () => {
    const { stream, left } = member(2);
    for (let index = 0; index < 5; index += 1) stream.deliver(new SharedPayload(`{"data":${index}}`));
    const values = [];
    for (let next = await stream.next(); !next.done; next = await stream.next()) values.push(next.value);
    expect(values.map((value) => (value instanceof SharedPayload ? value.json : value))).toEqual(['{"data":0}', '{"data":1}', overflowResult]);
    expect(left).toEqual([stream]);
  });

  it('the overflow result names the last event the member gets before it (its eventoId), so desdeEvento resumes there', async () => {
    const overflowsAfter: (string | undefined)[] = [];
    const { stream } = member(2, overflowsAfter);
    stream.deliver(new SharedPayload('{"data":0}', 'evento-0'));
    expect((await stream.next()).value).toBeInstanceOf(SharedPayload); // taken: the buffer is empty again
    for (let index = 1; index < 5; index += 1) stream.deliver(new SharedPayload(`{"data":${index}}`, `evento-${index}`));
    // evento-1 and evento-2 were buffered, evento-3 overflowed: the client gets 1 and 2, then the error naming 2
    expect(overflowsAfter).toEqual(['evento-2']);
  });

  it('return() leaves once and answers done to a pending next()', async () => {
    const { stream, left } = member();
    const pending = stream.next();
    await stream.return();
    await stream.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(left).toHaveLength(1);
  });

  it('a source failure reaches the member after what was already delivered', async () => {
    const { stream } = member();
    const payload = new SharedPayload('{"data":1}');
    stream.deliver(payload);
    stream.end(new Error('bus gone'));
    expect((await stream.next()).value).toBe(payload);
    await expect(stream.next()).rejects.toThrow('bus gone');
  });
});

describe('shared payload on the wire', () => {
  it("graphql-ws's own next message, with the payload serialised once spliced in; a client id cannot fake the placeholder", () => {
    const payload = new SharedPayload(JSON.stringify({ data: { campanaCreada: { eventoId: 'e1' } } }));
    for (const id of ['1', '\u0000shared-payload', '"}']) {
      const message = withSharedPayload(stringifyMessage({ id, type: MessageType.Next, payload: payload as never }, sharedPayloadReplacer));
      expect(JSON.parse(message)).toEqual({ id, type: 'next', payload: { data: { campanaCreada: { eventoId: 'e1' } } } });
    }
    expect(withSharedPayload('{"id":"2","type":"complete"}')).toBe('{"id":"2","type":"complete"}');
  });
});
