import type { ConsumeOptions, OutgoingMessage } from '../../bus.js';
import { checkConsumeArguments, checkOutgoingMessage } from '../../port-checks.js';

/**
 * Topic and subscription names: non-empty, no whitespace. Kept loose on purpose (the Pulsar transport maps
 * names to persistent://tenant/namespace/<name> and applies Pulsar's own rules).
 */
export function checkName(what: 'topic' | 'subscription' | 'deadLetterTopic', name: unknown): void {
  if (typeof name !== 'string' || name.length === 0 || /\s/.test(name)) {
    throw new Error(`memory bus: ${what} must be a non-empty string without whitespace (got ${JSON.stringify(name)})`);
  }
}

export const checkOutgoing = (message: OutgoingMessage): void => checkOutgoingMessage('memory bus', message);

export const checkConsumeOptions = (options: ConsumeOptions): void => checkConsumeArguments('memory bus', options, checkName);
