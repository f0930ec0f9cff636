import { serializeMessage, topicOf, type Envelope, type MessageType } from '@alpes/contracts';
import { fromJsonRows, rowsAsJson } from './json-rows.js';
import type { SqlExecutor } from './sql-client.js';

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  /** The envelope itself, not its text: the row's JSON carries it, and PostgreSQL takes it as jsonb as it is. */
  envelope: Envelope<MessageType>;
}

const WRITE_ALL_SQL = `INSERT INTO outbox_messages (id, topic, key, envelope)
  SELECT id, topic, key, envelope
    FROM ROWS FROM (${fromJsonRows<OutboxRow>(1, { id: 'uuid', topic: 'text', key: 'text', envelope: 'jsonb' })}) WITH ORDINALITY AS written(id, topic, key, envelope, position)
   ORDER BY position`;

/**
 * Writes a message to the outbox inside the caller's transaction: it is published (by the relay) if and
 * only if that transaction commits. Events are never published outside the transaction that made them true.
 */
export async function writeToOutbox(tx: SqlExecutor, envelope: Envelope<MessageType>): Promise<void> {
  await tx.$executeRawUnsafe(
    'INSERT INTO outbox_messages (id, topic, key, envelope) VALUES ($1::uuid, $2, $3, $4::jsonb)',
    envelope.id,
    topicOf(envelope.type),
    envelope.key,
    serializeMessage(envelope),
  );
}

/** writeToOutbox for many messages in one statement (rows as JSON, json-rows.ts); they are published in the order given. */
export async function writeAllToOutbox(tx: SqlExecutor, envelopes: readonly Envelope<MessageType>[]): Promise<void> {
  if (envelopes.length === 0) return;
  const rows: OutboxRow[] = envelopes.map((envelope) => ({ id: envelope.id, topic: topicOf(envelope.type), key: envelope.key, envelope }));
  await tx.$executeRawUnsafe(WRITE_ALL_SQL, rowsAsJson(rows));
}
