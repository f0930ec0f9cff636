/**
 * Pulsar message ids as the WebSocket API (and the native client's MessageId.serialize()) spell them: base64 of
 * the protobuf `MessageIdData { uint64 ledgerId = 1; uint64 entryId = 2; int32 partition = 3; int32 batch_index = 4; … }`.
 * Positions use ledger and entry only; a message of a batch also carries batch_index, and its id is passed back to
 * the broker exactly as received (a reader resumes strictly after that message, inside its batch).
 */

export interface LedgerPosition {
  ledgerId: bigint;
  entryId: bigint;
}

/** Base64 id of a position. A negative entryId (-1) means "before the first entry of that ledger". */
export function encodeMessageId(position: LedgerPosition): string {
  const bytes = [0x08, ...varint(position.ledgerId), 0x10, ...varint(position.entryId)];
  return Buffer.from(bytes).toString('base64');
}

/** The position inside a base64 message id; throws a clear Error when it is not one. */
export function decodeMessageId(messageId: string): LedgerPosition {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(messageId) ? Buffer.from(messageId, 'base64') : Buffer.alloc(0);
  const fields = new Map<number, bigint>();
  try {
    readFields(bytes, fields);
  } catch {
    throw invalid(messageId);
  }
  const ledgerId = fields.get(1);
  const entryId = fields.get(2);
  if (ledgerId === undefined || entryId === undefined) throw invalid(messageId);
  return { ledgerId: BigInt.asIntN(64, ledgerId), entryId: BigInt.asIntN(64, entryId) };
}

/** A message's place: its entry and, for a message of a batch, its index in that batch (undefined otherwise). */
export interface MessagePosition extends LedgerPosition {
  batchIndex: number | undefined;
}

/** The entry and batch index inside a base64 message id; throws a clear Error when it is not one. */
export function decodeMessagePosition(messageId: string): MessagePosition {
  const position = decodeMessageId(messageId);
  const fields = new Map<number, bigint>();
  readFields(Buffer.from(messageId, 'base64'), fields);
  const batchIndex = fields.get(4) === undefined ? undefined : Number(BigInt.asIntN(32, fields.get(4)!));
  return { ...position, batchIndex: batchIndex !== undefined && batchIndex >= 0 ? batchIndex : undefined };
}

/** True when the message with this id comes at `position` or before it, batch index included. */
export function isMessageAtOrBefore(messageId: string, position: MessagePosition): boolean {
  const here = decodeMessagePosition(messageId);
  if (here.ledgerId !== position.ledgerId) return here.ledgerId < position.ledgerId;
  if (here.entryId !== position.entryId) return here.entryId < position.entryId;
  return (here.batchIndex ?? -1) <= (position.batchIndex ?? -1);
}

/** Reads the varint fields of a protobuf message (skips length-delimited ones); throws on anything else. */
function readFields(bytes: Buffer, fields: Map<number, bigint>): void {
  let offset = 0;
  while (offset < bytes.length) {
    const [tag, afterTag] = readVarint(bytes, offset);
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (wireType === 0) {
      const [value, next] = readVarint(bytes, afterTag);
      if (!fields.has(field)) fields.set(field, value);
      offset = next;
    } else if (wireType === 2) {
      const [length, next] = readVarint(bytes, afterTag);
      offset = next + Number(length);
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
    if (offset > bytes.length) throw new Error('truncated field');
  }
}

/** The admin REST API's JSON message id ({ ledgerId, entryId, … }) as a position. */
export function positionFromAdmin(json: unknown): LedgerPosition {
  const { ledgerId, entryId } = (json ?? {}) as { ledgerId?: unknown; entryId?: unknown };
  if (typeof ledgerId !== 'number' || typeof entryId !== 'number') {
    throw new Error(`pulsar admin: unexpected message id ${JSON.stringify(json)}`);
  }
  return { ledgerId: BigInt(ledgerId), entryId: BigInt(entryId) };
}

/** True when the message with this id is stored at `position` or before it (a message of a batch: at its entry). */
export function isAtOrBefore(messageId: string, position: LedgerPosition): boolean {
  const { ledgerId, entryId } = decodeMessageId(messageId);
  return ledgerId < position.ledgerId || (ledgerId === position.ledgerId && entryId <= position.entryId);
}

/** The id to start a reader from so that `position` itself is the first message read (reader starts are exclusive). */
export function justBefore(position: LedgerPosition): string {
  return encodeMessageId({ ledgerId: position.ledgerId, entryId: position.entryId - 1n });
}

function varint(value: bigint): number[] {
  let rest = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return out;
}

function readVarint(bytes: Buffer, start: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (let offset = start; offset < bytes.length && shift < 70n; offset += 1) {
    const byte = bytes[offset]!;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value, offset + 1];
    shift += 7n;
  }
  throw new Error('truncated varint');
}

function invalid(messageId: string): Error {
  return new Error(`pulsar bus: ${JSON.stringify(messageId)} is not a Pulsar message id (base64 MessageIdData)`);
}
