// The side effects the suite counts around a mutation: one command published per ComandoAceptado, and nothing at all
// (rows, messages) left behind by a rejected one; and how to wait until earlier accepted commands have settled.
import type { HostileStack } from './hostile-stack.js';
import { rowDifferences } from './row-counter.js';
import type { GraphQLBody } from './verdict.js';
import { waitFor } from './wait-for.js';

/**
 * What a rejected mutation left behind. Earlier accepted commands may still be settling (a conversion's commission,
 * marketing's retries for an affiliate it has not seen yet), so a message or an inbox row counts against this request
 * when its correlationId is one the bus had never carried before it; any other table may only change along with an
 * inbox row (a worker's transaction), never alone.
 */
export async function sideEffectBaseline(stack: HostileStack) {
  const known = stack.bus.correlationIds();
  return {
    rows: await stack.rows.count(),
    messages: stack.bus.total(),
    commands: stack.bus.commands(),
    known,
    inbox: await stack.rows.inboxRowsOutside(known),
  };
}

export type SideEffectBaseline = Awaited<ReturnType<typeof sideEffectBaseline>>;

export async function sideEffectsOfARejection(stack: HostileStack, before: SideEffectBaseline): Promise<string[]> {
  const problems: string[] = [];
  const foreign = stack.bus.publishedAfter(before.messages).filter((message) => !before.known.has(message.correlationId));
  if (foreign.length > 0) problems.push(`a rejected mutation published ${foreign.length} message(s): ${foreign.map((message) => message.topic).join(', ')}`);
  const inboxRows = (await stack.rows.inboxRowsOutside(before.known)) - before.inbox;
  if (inboxRows > 0) problems.push(`a rejected mutation's command was applied (${inboxRows} inbox row(s))`);
  const changed = rowDifferences(before.rows, await stack.rows.count());
  if (changed.length > 0 && !changed.some((table) => table.includes('inbox_messages')))
    problems.push(`a rejected mutation changed rows: ${changed.join(', ')}`);
  return problems;
}

/**
 * One entry per ComandoAceptado in the answer's data (every Mutation field answers one, whatever it selects): its
 * correlationId when selected, else a placeholder (waitUntilSettled then waits on the bus alone).
 */
export function acceptedCommands(body: GraphQLBody | undefined): string[] {
  if (!body?.data) return [];
  return Object.values(body.data).flatMap((value) =>
    value && typeof value === 'object' ? [String((value as { correlationId?: unknown }).correlationId ?? UNSELECTED)] : [],
  );
}

const UNSELECTED = '(correlationId not selected)';

/** Waits until every command accepted in `pending` has its outcome and rows and messages have stopped changing. */
export async function waitUntilSettled(stack: HostileStack, pending: readonly string[]): Promise<void> {
  await waitFor(
    () => pending.every((correlationId) => correlationId === UNSELECTED || stack.bus.hasOutcome(correlationId)),
    30_000,
    `the outcomes of ${pending.join(', ')}`,
  );
  let last = JSON.stringify([await stack.rows.count(), stack.bus.total()]);
  for (let stable = 0; stable < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = JSON.stringify([await stack.rows.count(), stack.bus.total()]);
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}
