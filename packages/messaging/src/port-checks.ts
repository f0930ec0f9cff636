import type { ConsumeOptions, OutgoingMessage } from './bus.js';

// The argument checks of the port's calls, shared by every transport so that a bad call fails alike on each. Only the
// names differ: each transport passes its own rule for topic and subscription names, and its name for messages.

export type NameCheck = (what: 'topic' | 'subscription' | 'deadLetterTopic', name: unknown) => void;

const MODES: readonly string[] = ['shared', 'key-shared', 'exclusive'];

export function checkOutgoingMessage(transport: string, message: OutgoingMessage): void {
  if (typeof message?.key !== 'string') throw new Error(`${transport}: message.key must be a string`);
  if (typeof message.body !== 'string') throw new Error(`${transport}: message.body must be a string`);
  for (const [name, value] of Object.entries(message.properties ?? {})) {
    if (typeof value !== 'string') throw new Error(`${transport}: property "${name}" must be a string`);
  }
}

export function checkConsumeArguments(transport: string, options: ConsumeOptions, checkName: NameCheck): void {
  checkName('topic', options.topic);
  checkName('subscription', options.subscription);
  if (options.deadLetterTopic !== undefined) checkName('deadLetterTopic', options.deadLetterTopic);
  if (!MODES.includes(options.mode)) throw new Error(`${transport}: unknown subscription mode ${JSON.stringify(options.mode)}`);
  if (typeof options.handler !== 'function') throw new Error(`${transport}: handler must be a function`);
  const { initialPosition, maxRedeliveries, redeliveryDelayMs, maxInFlight } = options;
  if (initialPosition !== undefined && initialPosition !== 'earliest' && initialPosition !== 'latest') {
    throw new Error(`${transport}: initialPosition must be "earliest" or "latest"`);
  }
  if (maxRedeliveries !== undefined && (!Number.isInteger(maxRedeliveries) || maxRedeliveries < 0)) {
    throw new Error(`${transport}: maxRedeliveries must be an integer >= 0`);
  }
  if (redeliveryDelayMs !== undefined && (!Number.isFinite(redeliveryDelayMs) || redeliveryDelayMs < 0)) {
    throw new Error(`${transport}: redeliveryDelayMs must be a number >= 0`);
  }
  if (maxInFlight !== undefined && (!Number.isInteger(maxInFlight) || maxInFlight < 1)) {
    throw new Error(`${transport}: maxInFlight must be an integer >= 1`);
  }
}
