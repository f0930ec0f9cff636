import { positionFromAdmin, type LedgerPosition } from './message-id.js';
import { topicPath, type PulsarNamespace } from './topic-names.js';

/** An admin REST call that got an HTTP answer other than the one expected. */
export class AdminHttpError extends Error {
  constructor(
    readonly status: number,
    what: string,
    body: string,
  ) {
    super(`pulsar admin: ${what} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`);
    this.name = 'AdminHttpError';
  }
}

/**
 * The few calls of Pulsar's admin REST API (`{webUrl}/admin/v2/…`) the WebSocket transport needs for what the
 * WebSocket API cannot do itself: create a subscription at the earliest position, find a topic's last message
 * and the first message at or after a time, and check the broker answers.
 */
export class PulsarAdminClient {
  readonly #base: string;

  constructor(
    webUrl: string,
    private readonly ns: PulsarNamespace,
    private readonly timeoutMs: number,
  ) {
    this.#base = `${webUrl.replace(/\/+$/, '')}/admin/v2`;
  }

  /** True when the broker answers its readiness endpoint (cheap; used for isConnected()). */
  async isReady(): Promise<boolean> {
    try {
      const response = await this.#fetch('GET', '/brokers/ready');
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  /**
   * Creates the durable subscription at the earliest message when it does not exist yet (the topic is
   * auto-created). Returns false when it already existed (HTTP 409): then its acknowledged position stands.
   */
  async createSubscriptionAtEarliest(topic: string, subscription: string): Promise<boolean> {
    const path = `/${topicPath(this.ns, topic)}/subscription/${encodeURIComponent(subscription)}`;
    // MessageId.earliest as the admin API's ResetCursorData body
    const response = await this.#fetch('PUT', path, { ledgerId: -1, entryId: -1, partitionIndex: -1 });
    const text = await response.text();
    if (response.status === 204 || response.status === 200) return true;
    if (response.status === 409) return false;
    throw new AdminHttpError(response.status, `PUT ${path}`, text);
  }

  /** Position of the topic's last message (entryId -1 when the ledger is empty); undefined when the topic does not exist. */
  async lastMessagePosition(topic: string): Promise<LedgerPosition | undefined> {
    return this.#position(`/${topicPath(this.ns, topic)}/lastMessageId`);
  }

  /**
   * Position of the first message published at or after `timeMillis` (one past the last message when none is);
   * undefined when the topic does not exist.
   */
  async firstPositionAtOrAfter(topic: string, timeMillis: number): Promise<LedgerPosition | undefined> {
    return this.#position(`/${topicPath(this.ns, topic)}/messageid/${Math.max(0, Math.floor(timeMillis))}`);
  }

  async #position(path: string): Promise<LedgerPosition | undefined> {
    const response = await this.#fetch('GET', path);
    const text = await response.text();
    if (response.status === 404) return undefined;
    if (!response.ok) throw new AdminHttpError(response.status, `GET ${path}`, text);
    return positionFromAdmin(JSON.parse(text));
  }

  #fetch(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.#base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }
}
