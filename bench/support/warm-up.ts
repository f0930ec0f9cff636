/** Commands per warm-up round, and the most rounds run (BENCH_WARMUP_COMMANDS, BENCH_WARMUP_ROUNDS). */
export const WARMUP_COMMANDS = Number(process.env.BENCH_WARMUP_COMMANDS ?? 1_000);
const MAX_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 30);
/** Rounds that must agree (each within TOLERANCE of their mean) before the warm-up ends. */
const SETTLED_ROUNDS = 3;
const MIN_ROUNDS = Math.min(4, MAX_ROUNDS);
const TOLERANCE = 0.05;

/**
 * Warm-up before a measured run, not counted: a broker just started spends much of its CPU in its JIT compiler, and
 * its rate climbs for thousands of messages (the WebSocket proxy's for tens of thousands: in bench:pulsar:processes
 * it was still climbing after 10 rounds, 436 → 1,182/s, and a broker warmed by earlier runs spent 0.65 ms of CPU per
 * WebSocket message against 1.6–1.8 ms for a fresh one). Runs `round` (which returns a rate) at least 4 times, then
 * until the last 3 rounds agree within 5 % of their mean, at most BENCH_WARMUP_ROUNDS (30) times. Returns the rates,
 * in order.
 */
export async function warmUp(round: (commands: number) => Promise<number>): Promise<number[]> {
  const rates: number[] = [];
  while (WARMUP_COMMANDS > 0 && rates.length < MAX_ROUNDS) {
    rates.push(await round(WARMUP_COMMANDS));
    if (rates.length >= Math.max(MIN_ROUNDS, SETTLED_ROUNDS) && settled(rates.slice(-SETTLED_ROUNDS))) break;
  }
  return rates;
}

function settled(last: readonly number[]): boolean {
  const mean = last.reduce((sum, rate) => sum + rate, 0) / last.length;
  return last.every((rate) => Math.abs(rate - mean) <= mean * TOLERANCE);
}
