/**
 * What one graphql-ws client may hold on the gateway. Every limit is closed with a code and a reason that states the
 * measured value and the limit, or (subscriptions per connection) answered with a GraphQL error carrying both.
 */
export interface WebSocketLimits {
  /** Largest message a client may send, in bytes (a subscribe with its query and variables). */
  maxPayloadBytes: number;
  /** Subscriptions (and operations in flight) one connection may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** Open connections per client: per identity (`sub`) once authenticated, per IP address for anonymous ones. */
  maxConnectionsPerClient: number;
  /** How long a socket may stay open before its connection_init (graphql-ws closes it with 4408). */
  connectionInitTimeoutMs: number;
  /** A ping every interval; a peer that has not answered the previous one by then is dropped (0: no pings). */
  pingIntervalMs: number;
  /** Bytes the gateway queues for one socket that is not reading before it cuts that client off (4008). */
  maxBufferedBytes: number;
}

export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = {
  maxPayloadBytes: 64 * 1024,
  maxSubscriptionsPerConnection: 100,
  maxConnectionsPerClient: 20,
  connectionInitTimeoutMs: 3_000,
  pingIntervalMs: 12_000,
  maxBufferedBytes: 1024 * 1024,
};

/** Close codes of the limits (4000–4399: the application's range; graphql-ws keeps 4400–4499). */
export const LIMIT_CLOSE_CODES = {
  /** RFC 6455 Message Too Big. */
  payloadTooLarge: 1009,
  /** A slow consumer: the outgoing buffer passed maxBufferedBytes (cf. 1008 Policy Violation). */
  slowConsumer: 4008,
  /** More connections than maxConnectionsPerClient for the same identity or IP (cf. HTTP 429). */
  tooManyConnections: 4029,
} as const;

/** Close reasons are at most 123 bytes (RFC 6455). */
export function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString()}…`;
}
