import type { DeliveredMessage, OutgoingMessage } from '../../bus.js';

/** Settings every WebSocket the transport opens shares. */
export interface SocketDefaults {
  /** `ws://host:port/ws/v2` (or wss://). */
  readonly wsBase: string;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly handshakeTimeoutMs: number;
  readonly pingIntervalMs: number;
  /** How long consume() / read() wait for their first connection. */
  readonly connectTimeoutMs: number;
}

/** `http://host:8080/x` → `ws://host:8080/x/ws/v2`. */
export function webSocketBase(webUrl: string): string {
  return `${webUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/ws/v2`;
}

/** A producer frame: `{ payload: base64, key, properties, context }`. */
export function sendFrame(message: OutgoingMessage, context: string): string {
  return JSON.stringify({
    payload: Buffer.from(message.body, 'utf8').toString('base64'),
    key: message.key,
    properties: message.properties ?? {},
    context,
  });
}

export interface Receipt {
  readonly context: string | undefined;
  readonly messageId: string | undefined;
  /** undefined on success ("ok"), else the broker's error. */
  readonly error: string | undefined;
}

export function parseReceipt(text: string): Receipt | undefined {
  const frame = parseObject(text);
  if (!frame || typeof frame.result !== 'string') return undefined;
  const context = typeof frame.context === 'string' ? frame.context : undefined;
  const messageId = typeof frame.messageId === 'string' ? frame.messageId : undefined;
  if (frame.result === 'ok' && messageId) return { context, messageId, error: undefined };
  const detail = typeof frame.errorMsg === 'string' ? `: ${frame.errorMsg}` : '';
  return { context, messageId, error: `${frame.result}${detail}` };
}

/** A consumer or reader frame: `{ messageId, payload, properties, publishTime, redeliveryCount, key }`. */
export function parseMessageFrame(topic: string, text: string): DeliveredMessage | undefined {
  const frame = parseObject(text);
  if (!frame || typeof frame.messageId !== 'string' || typeof frame.payload !== 'string') return undefined;
  const properties: Record<string, string> = {};
  if (frame.properties && typeof frame.properties === 'object') {
    for (const [name, value] of Object.entries(frame.properties)) properties[name] = String(value);
  }
  return {
    topic,
    messageId: frame.messageId,
    key: typeof frame.key === 'string' ? frame.key : '',
    body: Buffer.from(frame.payload, 'base64').toString('utf8'),
    properties,
    publishTime: new Date(typeof frame.publishTime === 'string' || typeof frame.publishTime === 'number' ? frame.publishTime : Date.now()),
    redeliveryCount: typeof frame.redeliveryCount === 'number' ? frame.redeliveryCount : 0,
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
