import type { Envelope } from '@alpes/contracts';
import type { SqlExecutor } from './sql-client.js';

export type InboxOutcome = 'COMPLETADO' | 'RECHAZADO' | 'PROCESADO';

/**
 * Claims a message id in the inbox inside the caller's transaction. False means it was already processed
 * (a redelivery): the caller does nothing. A concurrent duplicate waits on the primary key, then sees false.
 */
export async function claimInInbox(tx: SqlExecutor, message: Envelope, expectedOutcome: InboxOutcome): Promise<boolean> {
  // The row is written with the outcome the transaction will have if it commits (one statement fewer per message);
  // a rejection is recorded in a transaction of its own.
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO inbox_messages (id, type, correlation_id, outcome) VALUES ($1::uuid, $2, $3::uuid, $4) ON CONFLICT (id) DO NOTHING`,
    message.id,
    message.type,
    message.correlationId,
    expectedOutcome,
  );
  return inserted === 1;
}

export async function recordOutcome(tx: SqlExecutor, messageId: string, outcome: InboxOutcome, entityId: string | null, reason: string | null): Promise<void> {
  await tx.$executeRawUnsafe(
    'UPDATE inbox_messages SET outcome = $2, entity_id = $3::uuid, reason = $4 WHERE id = $1::uuid',
    messageId,
    outcome,
    entityId,
    reason,
  );
}
