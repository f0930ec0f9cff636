import type { Envelope } from '@alpes/contracts';
import { fromJsonRows, rowsAsJson } from './json-rows.js';
import type { SqlExecutor } from './sql-client.js';

export type InboxOutcome = 'COMPLETADO' | 'RECHAZADO' | 'PROCESADO';

/**
 * Claims a message id in the inbox inside the caller's transaction. False means it was already processed
 * (a redelivery): the caller does nothing. A concurrent duplicate waits on the primary key, then sees false.
 */
export async function claimInInbox(tx: SqlExecutor, message: Envelope, expectedOutcome: InboxOutcome): Promise<boolean> {
  // The row is written with the outcome the transaction will have if it commits (one statement fewer per message);
  // a rejection is recorded in a transaction of its own. The actor is stored with it: who asked for the change that
  // this same transaction makes.
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO inbox_messages (id, type, correlation_id, outcome, actor_sub, actor_scopes)
     VALUES ($1::uuid, $2, $3::uuid, $4, $5, string_to_array($6, ' ')) ON CONFLICT (id) DO NOTHING`,
    message.id,
    message.type,
    message.correlationId,
    expectedOutcome,
    message.actor?.sub ?? null,
    message.actor ? message.actor.scopes.join(' ') : null,
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

interface InboxClaim {
  id: string;
  type: string;
  correlationId: string;
  actorSub: string | null;
  actorScopes: string[] | null;
}

const CLAIM_ALL_SQL = `INSERT INTO inbox_messages (id, type, correlation_id, outcome, actor_sub, actor_scopes)
  SELECT id, type, "correlationId", $2, "actorSub", "actorScopes"
    FROM ${fromJsonRows<InboxClaim>(1, { id: 'uuid', type: 'text', correlationId: 'uuid', actorSub: 'text', actorScopes: 'text[]' }, 'claimed')}
  ON CONFLICT (id) DO NOTHING RETURNING id::text`;

/**
 * claimInInbox for many messages in one statement (rows as JSON, json-rows.ts): the ids it returns were claimed now;
 * the others were already processed (redeliveries) and must be skipped. A concurrent duplicate waits on the primary
 * key, then is skipped.
 */
export async function claimAllInInbox(tx: SqlExecutor, messages: readonly Envelope[], expectedOutcome: InboxOutcome): Promise<Set<string>> {
  const claims: InboxClaim[] = messages.map((message) => ({
    id: message.id,
    type: message.type,
    correlationId: message.correlationId,
    actorSub: message.actor?.sub ?? null,
    actorScopes: message.actor?.scopes ?? null,
  }));
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(CLAIM_ALL_SQL, rowsAsJson(claims), expectedOutcome);
  return new Set(rows.map((row) => row.id));
}
