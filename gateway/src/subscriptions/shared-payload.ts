/**
 * One event's result, serialised once for every subscriber that shares its execution (shared-executions.ts).
 * graphql-ws still builds and sends each `next` message (its protocol, its subscription ids): onNext hands it this
 * object as the payload, the message replacer puts a placeholder in its place, and the socket's send swaps the
 * placeholder for the JSON. Per subscriber that is a few dozen bytes of JSON and one string concatenation.
 */
export class SharedPayload {
  /** `eventoId`: the event it was built from (an overflow error names the last one a subscriber got). */
  constructor(
    readonly json: string,
    readonly eventoId?: string,
  ) {}
}

/** A JSON string no client can make us write where the payload goes: `payload` is the message's last key. */
const PLACEHOLDER = '\u0000shared-payload';
const PLACEHOLDER_TAIL = `${JSON.stringify(PLACEHOLDER)}}`;

/**
 * graphql-ws's stringifyMessage calls the replacer and passes its result straight to the socket's send, with no await
 * in between: the payload waits in this slot for that send.
 */
let waiting: string | undefined;

/** graphql-ws's jsonMessageReplacer. */
export function sharedPayloadReplacer(this: unknown, key: string, value: unknown): unknown {
  if (key !== 'payload' || !(value instanceof SharedPayload)) return value;
  waiting = value.json;
  return PLACEHOLDER;
}

/** The message to write: the shared payload in place of its placeholder (call with every message, before any check). */
export function withSharedPayload(message: string): string {
  const json = waiting;
  if (json === undefined) return message;
  waiting = undefined;
  if (!message.endsWith(PLACEHOLDER_TAIL)) throw new Error('graphql-ws message without the shared payload placeholder');
  return `${message.slice(0, -PLACEHOLDER_TAIL.length)}${json}}`;
}
