import type { ConsumeOptions, OutgoingMessage, ReadOptions, StartPosition } from '../../bus.js';
import { checkConsumeArguments, checkOutgoingMessage } from '../../port-checks.js';

/**
 * Topic and subscription names of the port are short Pulsar names; the transport places them in
 * `persistent://{tenant}/{namespace}/{name}`. Pulsar's own rules are wider, but these characters are safe in
 * every URL the transport builds (WebSocket paths, admin REST paths, query strings).
 */
const NAME = /^[A-Za-z0-9_.=-]+$/;

export interface PulsarNamespace {
  readonly tenant: string;
  readonly namespace: string;
}

export function checkName(what: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new Error(`pulsar bus: ${what} must be a Pulsar name (letters, digits, _ . = -), got ${JSON.stringify(name)}`);
  }
}

/** Where a consumer's dead letters go: its deadLetterTopic, or `<topic>-DLQ` as Pulsar's own clients name it. */
export function deadLetterTopicFor(options: Pick<ConsumeOptions, 'topic' | 'deadLetterTopic'>): string {
  return options.deadLetterTopic ?? `${options.topic}-DLQ`;
}

/** `persistent://tenant/namespace/name`. */
export function fullTopicName(ns: PulsarNamespace, topic: string): string {
  return `persistent://${ns.tenant}/${ns.namespace}/${topic}`;
}

/** `persistent/tenant/namespace/name`: the path segment the WebSocket and admin REST APIs use. */
export function topicPath(ns: PulsarNamespace, topic: string): string {
  return `persistent/${ns.tenant}/${ns.namespace}/${topic}`;
}

export const checkOutgoing = (message: OutgoingMessage): void => checkOutgoingMessage('pulsar bus', message);

export const checkConsumeOptions = (options: ConsumeOptions): void => checkConsumeArguments('pulsar bus', options, checkName);

export function checkStart(start: StartPosition): void {
  const from = (start as { from?: unknown } | undefined)?.from;
  if (from === 'time' && !((start as { time?: unknown }).time instanceof Date)) {
    throw new Error('pulsar bus: start { from: "time" } needs a Date `time`');
  }
  if (from === 'after-message' && typeof (start as { messageId?: unknown }).messageId !== 'string') {
    throw new Error('pulsar bus: start { from: "after-message" } needs a string `messageId`');
  }
  if (!['earliest', 'latest', 'time', 'after-message'].includes(String(from))) {
    throw new Error(`pulsar bus: unknown start position ${JSON.stringify(start)}`);
  }
}

export function checkReadOptions(options: ReadOptions): void {
  checkName('topic', options.topic);
  checkStart(options.start);
  if (typeof options.handler !== 'function') throw new Error('pulsar bus: handler must be a function');
}
