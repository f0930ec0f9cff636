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
