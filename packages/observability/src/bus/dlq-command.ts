import type { Bus } from '@alpes/messaging';
import type { BusStats } from './bus-stats.js';
import { listDeadLetters, replayDeadLetters, type DeadLetter } from './dead-letters.js';

export const DLQ_USAGE = 'Usage: npm run dlq -- list <topic> | npm run dlq -- replay <topic> [--id <messageId>]';

/** A usage problem: the CLI prints it with the usage and exits 2. */
export class DlqUsageError extends Error {}

function describe(letter: DeadLetter): string {
  return [
    `${letter.messageId}  ${letter.type ?? '(unreadable)'}  envelope ${letter.envelopeId ?? '-'}  key ${letter.key}`,
    `    from ${letter.topic} (subscription ${letter.subscription ?? '?'}, origin message ${letter.originMessageId ?? '?'}) at ${letter.deadLetteredAt ?? '?'}`,
    `    error: ${letter.error ?? '(not recorded: dead-lettered by the transport)'}`,
  ].join('\n');
}

/** `list <topic>` or `replay <topic> [--id <messageId>]` on `bus`; returns the lines to print. */
export async function runDlqCommand(args: readonly string[], bus: Bus, stats: BusStats | undefined): Promise<string[]> {
  const [command, topic, ...rest] = args;
  if (!topic || (command !== 'list' && command !== 'replay'))
    throw new DlqUsageError(command ? `unknown command or missing topic: ${args.join(' ')}` : 'which command?');
  let id: string | undefined;
  if (rest.length > 0) {
    if (command !== 'replay' || rest[0] !== '--id' || !rest[1] || rest.length > 2) throw new DlqUsageError(`unexpected arguments: ${rest.join(' ')}`);
    id = rest[1];
  }
  if (command === 'list') {
    const letters = await listDeadLetters(bus, stats, topic);
    return [`${letters.length} dead-lettered message(s) on ${topic}-DLQ`, ...letters.map(describe)];
  }
  const replayed = await replayDeadLetters(bus, stats, topic, id === undefined ? {} : { id });
  if (id !== undefined && replayed.length === 0) return [`no dead-lettered message ${id} on ${topic}-DLQ`];
  return [`replayed ${replayed.length} message(s) onto ${topic}`, ...replayed.map(describe)];
}
