import { serializeMessage, topicOf, type Envelope, type MessageType } from '@alpes/contracts';
import type { SqlExecutor } from './sql-client.js';

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

/** writeToOutbox for many messages in one statement; they are published in the order given. */
export async function writeAllToOutbox(tx: SqlExecutor, envelopes: readonly Envelope<MessageType>[]): Promise<void> {
  if (envelopes.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_messages (id, topic, key, envelope)
     SELECT id, topic, key, envelope::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS written(id, topic, key, envelope, position)
     ORDER BY position`,
    envelopes.map((envelope) => envelope.id),
    envelopes.map((envelope) => topicOf(envelope.type)),
    envelopes.map((envelope) => envelope.key),
    envelopes.map((envelope) => serializeMessage(envelope)),
  );
}
