import { SEED } from './suite-seed.js';

/**
 * Every generated case runs even after a failure, and each property fails at its end with one example per distinct
 * problem (so one run lists every bug, and the case count is exact). HOSTILE_STOP_AT_FIRST=1: fast-check stops at the
 * first failing case and prints its seed and path instead.
 */
const SURVEY = process.env.HOSTILE_STOP_AT_FIRST !== '1';
const surveyed = new Map<string, { count: number; example: string }>();

/** Runs one case's checks; in survey mode a failure is recorded under its signature and the property goes on. */
export async function surveying(check: () => Promise<unknown>, stillUseful: () => boolean): Promise<void> {
  if (!SURVEY) {
    await check();
    return;
  }
  try {
    await check();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const sent = /\nsent: ([^:\n]{1,60}): (?:POST|GET) /.exec(message)?.[1]; // the kind of a hostile HTTP case
    const signature = `${message
      .split('\n')[0]!
      .replace(/["(].*$/, '…')
      .replace(/\d+/g, 'N')}${sent ? ` ← ${sent}` : ''}`;
    const known = surveyed.get(signature);
    surveyed.set(signature, { count: (known?.count ?? 0) + 1, example: known?.example ?? message });
    if (!stillUseful()) throw error; // nothing more to learn
  }
}

/** In survey mode: fails with one example per distinct problem seen by the property that just ran. */
export function endSurvey(): void {
  if (surveyed.size === 0) return;
  const report = [...surveyed].map(([signature, { count, example }]) => `■ ${count}× ${signature}\n${example}`).join('\n\n');
  surveyed.clear();
  throw new Error(`${report}\n(seed ${SEED})`);
}
