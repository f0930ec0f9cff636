import type { StartPosition } from '../../bus.js';
import type { PulsarAdminClient } from './admin-client.js';
import { decodeMessageId, encodeMessageId, justBefore, type LedgerPosition } from './message-id.js';

/** Where a Pulsar reader starts, both transports (`messageId` query value: "earliest", "latest" or a base64 id, exclusive). */
export interface ResolvedStart {
  readonly messageId: string;
  /** Messages published before this (epoch ms) are skipped until the first one at or after it. */
  readonly notBefore: number | undefined;
  /**
   * Messages stored at this position or before it are skipped (latest: the topic's last entry). Starting "after"
   * an entry id without a batch index, both Pulsar's Java client (behind the WebSocket API) and libpulsar hand out
   * that entry again when it is a batch, so the readers drop it themselves.
   */
  readonly skipThrough?: LedgerPosition;
}

/**
 * Turns a port start position into a reader start the WebSocket API understands.
 * - latest: after the topic's current last message (admin `lastMessageId`), so a reconnect before the first
 *   message leaves no gap; a topic that does not exist yet is read from its beginning.
 * - time: just before the first message published at or after the time (admin `messageid/{timestamp}`), and
 *   messages older than the time are skipped as well (guard, and the fallback from earliest when the lookup fails).
 */
export async function resolveStart(admin: PulsarAdminClient, topic: string, start: StartPosition): Promise<ResolvedStart> {
  switch (start.from) {
    case 'earliest':
      return { messageId: 'earliest', notBefore: undefined };
    case 'after-message':
      decodeMessageId(start.messageId); // throws a clear error when it is not a Pulsar message id
      return { messageId: start.messageId, notBefore: undefined };
    case 'latest': {
      const last = await admin.lastMessagePosition(topic).catch(() => null);
      if (last === null) return { messageId: 'latest', notBefore: undefined };
      return last ? { messageId: encodeMessageId(last), notBefore: undefined, skipThrough: last } : { messageId: 'earliest', notBefore: undefined };
    }
    case 'time': {
      const time = start.time.getTime();
      const first = await admin.firstPositionAtOrAfter(topic, time).catch(() => undefined);
      return { messageId: first ? justBefore(first) : 'earliest', notBefore: time };
    }
    default:
      throw new Error(`pulsar bus: unknown start position ${JSON.stringify(start satisfies never)}`);
  }
}
