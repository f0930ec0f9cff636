import type { Bus } from '@alpes/messaging';
import { createLogger } from '@alpes/platform';
import { ATTR, contextFromTraceparent, inSpan, observedBusOf } from '@alpes/observability';
import { SpanKind } from '@opentelemetry/api';
import type { TransactionalDatabase } from './sql-client.js';
import { integerArrayLiteral } from './json-rows.js';

export interface OutboxRelayOptions {
  /** Distinguishes the advisory lock of each service database. */
  service: string;
  batchSize?: number;
  /** Safety net: rows written by other processes are found by polling; this process's own are pushed by notify(). */
  pollIntervalMs?: number;
}

interface OutboxRow {
  sequence: bigint | string;
  topic: string;
  key: string;
  body: string;
  type: string;
  id: string;
  correlation_id: string | null;
  /** The envelope's traceparent: the span that wrote the row (the worker's transaction). */
  traceparent: string | null;
}

const MAX_BACKOFF_MS = 5_000;
/**
 * Rows per relay transaction. A batch waits for the broker's confirmation of all its rows (~10–60 ms under load), one
 * batch at a time: at 200 rows that wait capped the relay below the worker's rate in bench:pulsar (native). 300 keeps
 * every producer under the native client's 1,000 pending sends even when three services' relays share one process's
 * comandos.resultados producer (the test stack).
 */
const DEFAULT_BATCH_SIZE = 300;

/**
 * The relay's next batch ($1 rows at most). Served by the partial index outbox_messages_unpublished_idx ((sequence)
 * WHERE published_at IS NULL, every service's schema.prisma): an index scan in sequence order that reads only the
 * unpublished rows, however many published ones wait for the next vacuum.
 */
export const UNPUBLISHED_ROWS_SQL = `SELECT sequence, topic, key, envelope::text AS body, envelope->>'type' AS type, id::text AS id,
       envelope->>'correlationId' AS correlation_id, envelope->>'traceparent' AS traceparent
  FROM outbox_messages WHERE published_at IS NULL ORDER BY sequence LIMIT $1`;

/** A timer poll's probe (anyUnpublished): whether any row waits, from the same partial index, outside a transaction. */
export const ANY_UNPUBLISHED_SQL = 'SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE published_at IS NULL) AS waiting';

/**
 * The relay's lock (transaction-scoped) and, for the same transaction, no bitmap scans: a bitmap scan of the index
 * fetches every entry of it before the LIMIT applies, the dead entries of rows published since the last vacuum
 * included, and never marks them dead, so each select costs as much as the last burst was big; the planner picks it
 * whenever its (often stale) statistics say few rows are unpublished. An index scan stops after the batch and marks
 * the dead entries it meets, so later selects skip them without reading the table.
 */
const LOCK_AND_PLAN_SQL = "SELECT pg_try_advisory_xact_lock($1) AS locked, set_config('enable_bitmapscan', 'off', true) AS plan";

/**
 * Publishes outbox rows in sequence order and marks them published. One relay at a time per database
 * (transaction-scoped advisory lock), so order holds with several service instances. A row is marked only
 * after the bus confirmed it; if the broker is down the rows wait and go out once it is back (at least once:
 * consumers deduplicate by message id).
 */
export class OutboxRelay {
  private readonly logger;
  private readonly lockKey: number;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wanted = false;
  /** Whether the next drain may skip the transaction when a one-statement probe finds no unpublished row (timer polls). */
  private probeFirst = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly db: TransactionalDatabase,
    private readonly bus: Bus,
    private readonly options: OutboxRelayOptions,
  ) {
    this.logger = createLogger(`${options.service}.outbox-relay`);
    this.lockKey = [...`outbox:${options.service}`].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, 7);
  }

  start(): void {
    this.schedule(0);
  }

  /** A transaction that wrote to the outbox committed: publish now rather than at the next poll. */
  notify(): void {
    this.probeFirst = false;
    this.wake();
  }

  private wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Stops polling and waits for the batch in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.probeFirst = true;
      this.wake();
    }, delayMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        // a commit's notify() clears probeFirst, even during the probe: `wanted` then brings a full pass right after
        if (!this.probeFirst || (await this.anyUnpublished())) {
          while ((await this.publishBatch()) > 0 && !this.stopped) {
            /* keep going while there is a backlog */
          }
        }
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        const backoff = Math.min(100 * 2 ** this.failures, MAX_BACKOFF_MS);
        this.logger.warn(
          { reason: error instanceof Error ? error.message : String(error), retryInMs: backoff },
          'outbox publish failed; rows stay in the outbox',
        );
        this.schedule(backoff);
        return;
      }
    }
    this.schedule(this.options.pollIntervalMs ?? 500);
  }

  /**
   * A poll's probe: one statement outside any transaction (the partial index of unpublished rows) instead of the
   * transaction of BEGIN, the advisory lock, the SELECT and COMMIT that finds nothing in an idle service. Every idle
   * relay polls twice a second, so on the `npm start` stack (three relays in the subgraphs' process) the transactions
   * were most of that process's idle CPU.
   */
  private async anyUnpublished(): Promise<boolean> {
    const [row] = await this.db.$queryRawUnsafe<{ waiting: boolean }[]>(ANY_UNPUBLISHED_SQL);
    return row?.waiting === true;
  }

  private publishBatch(): Promise<number> {
    return this.db.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(LOCK_AND_PLAN_SQL, this.lockKey);
        if (!lock?.locked) return 0;
        const rows = await tx.$queryRawUnsafe<OutboxRow[]>(UNPUBLISHED_ROWS_SQL, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
        if (rows.length === 0) return 0;
        // Sent without waiting for each receipt in turn: the transport keeps call order, and all must be confirmed.
        await Promise.all(rows.map((row) => this.publish(row)));
        await tx.$executeRawUnsafe(
          'UPDATE outbox_messages SET published_at = now() WHERE sequence = ANY($1::bigint[])',
          integerArrayLiteral(rows.map((row) => row.sequence)),
        );
        observedBusOf(this.bus)?.relayPublished(rows.length);
        return rows.length;
      },
      { timeout: 30_000 },
    );
  }

  /** One row on the bus, in a span that continues the trace of the transaction that wrote it (when tracing). */
  private publish(row: OutboxRow): Promise<unknown> {
    const message = { key: row.key, body: row.body, properties: { type: row.type } };
    return inSpan(
      `${this.options.service}.outbox-relay publish ${row.topic}`,
      {
        kind: SpanKind.PRODUCER,
        parent: contextFromTraceparent(row.traceparent ?? undefined),
        attributes: {
          [ATTR.component]: this.options.service,
          [ATTR.messagingDestination]: row.topic,
          [ATTR.messageType]: row.type,
          [ATTR.envelopeId]: row.id,
          ...(row.correlation_id ? { [ATTR.correlationId]: row.correlation_id } : {}),
        },
      },
      () => this.bus.publish(row.topic, message),
    );
  }
}
