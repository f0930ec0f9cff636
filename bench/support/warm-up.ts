/** Commands per warm-up round, and the most rounds run (BENCH_WARMUP_COMMANDS, BENCH_WARMUP_ROUNDS). */
export const WARMUP_COMMANDS = Number(process.env.BENCH_WARMUP_COMMANDS ?? 1_000);
const MAX_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 10);
const MIN_ROUNDS = Math.min(4, MAX_ROUNDS);
const TOLERANCE = 0.05;

/**
 * Warm-up before a measured run, not counted: a broker just started spends much of its CPU in its JIT compiler, and
 * its rate climbs for thousands of messages. Runs `round` (which returns a rate) at least 4 times, then until a round
 * is within 5 % of the one before, at most BENCH_WARMUP_ROUNDS (10) times. Returns the rates, in order.
 */
export async function warmUp(round: (commands: number) => Promise<number>): Promise<number[]> {
  const rates: number[] = [];
  while (WARMUP_COMMANDS > 0 && rates.length < MAX_ROUNDS) {
    rates.push(await round(WARMUP_COMMANDS));
    const [previous, last] = rates.slice(-2);
    if (rates.length >= MIN_ROUNDS && previous !== undefined && Math.abs(last! - previous) <= previous * TOLERANCE) break;
  }
  return rates;
}
