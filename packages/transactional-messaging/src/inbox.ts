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

/**
 * claimInInbox for many messages in one statement: the ids it returns were claimed now; the others were already
 * processed (redeliveries) and must be skipped. A concurrent duplicate waits on the primary key, then is skipped.
 */
export async function claimAllInInbox(tx: SqlExecutor, messages: readonly Envelope[], expectedOutcome: InboxOutcome): Promise<Set<string>> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO inbox_messages (id, type, correlation_id, outcome)
     SELECT id, type, correlation_id, $4 FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS claimed(id, type, correlation_id)
     ON CONFLICT (id) DO NOTHING RETURNING id::text`,
    messages.map((message) => message.id),
    messages.map((message) => message.type),
    messages.map((message) => message.correlationId),
    expectedOutcome,
  );
  return new Set(rows.map((row) => row.id));
}
