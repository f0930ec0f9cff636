// One seed per run, printed, and replayable: HOSTILE_SEED=<seed> reruns exactly the same generated cases.
import type fc from 'fast-check';

function chooseSeed(): number {
  const given = process.env.HOSTILE_SEED?.trim();
  if (given) {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`HOSTILE_SEED must be an integer, got "${given}"`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

export const SEED = chooseSeed();

/** fast-check parameters for the property at `index`: its own seed derived from the run's, `numRuns` cases. */
export function runParameters(index: number, numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED + index, numRuns, verbose: 1, endOnFailure: true };
}

export const REPLAY_HINT = `HOSTILE_SEED=${SEED} npx vitest run test/security/hostile (in e2e/)`;
