import type { ConsumeOptions, OutgoingMessage } from '../../bus.js';

const MODES = new Set(['shared', 'key-shared', 'exclusive']);

/**
 * Topic and subscription names: non-empty, no whitespace. Kept loose on purpose (the Pulsar transport maps
 * names to persistent://tenant/namespace/<name> and applies Pulsar's own rules).
 */
export function checkName(what: 'topic' | 'subscription' | 'deadLetterTopic', name: unknown): void {
  if (typeof name !== 'string' || name.length === 0 || /\s/.test(name)) {
    throw new Error(`memory bus: ${what} must be a non-empty string without whitespace (got ${JSON.stringify(name)})`);
  }
}

export function checkOutgoing(message: OutgoingMessage): void {
  if (typeof message.key !== 'string') throw new Error('memory bus: message.key must be a string');
  if (typeof message.body !== 'string') throw new Error('memory bus: message.body must be a string');
  for (const [name, value] of Object.entries(message.properties ?? {})) {
    if (typeof value !== 'string') throw new Error(`memory bus: property "${name}" must be a string`);
  }
}

export function checkConsumeOptions(options: ConsumeOptions): void {
  checkName('topic', options.topic);
  checkName('subscription', options.subscription);
  if (options.deadLetterTopic !== undefined) checkName('deadLetterTopic', options.deadLetterTopic);
  if (!MODES.has(options.mode)) throw new Error(`memory bus: unknown subscription mode "${String(options.mode)}"`);
  if (typeof options.handler !== 'function') throw new Error('memory bus: handler must be a function');
  const { initialPosition, maxRedeliveries, redeliveryDelayMs, maxInFlight } = options;
  if (initialPosition !== undefined && initialPosition !== 'earliest' && initialPosition !== 'latest') {
    throw new Error(`memory bus: initialPosition must be "earliest" or "latest"`);
  }
  if (maxRedeliveries !== undefined && (!Number.isInteger(maxRedeliveries) || maxRedeliveries < 0)) {
    throw new Error('memory bus: maxRedeliveries must be an integer >= 0');
  }
  if (redeliveryDelayMs !== undefined && (!Number.isFinite(redeliveryDelayMs) || redeliveryDelayMs < 0)) {
    throw new Error('memory bus: redeliveryDelayMs must be a number >= 0');
  }
  if (maxInFlight !== undefined && (!Number.isInteger(maxInFlight) || maxInFlight < 1)) {
    throw new Error('memory bus: maxInFlight must be an integer >= 1');
  }
}
