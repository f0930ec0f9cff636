// Rounds in which every target is loaded at the same time (each with its own connections): what a shared, noisy
// machine does to one it does to all of them in the same seconds, so their CPU per request compares far more steadily
// than in runs one after the other. Their req/s does not compare (they share the stack and the cores).
import { formatRun, runLoad, type LoadRounds, type RunResult } from './query-runs.js';

export const concurrentRounds: LoadRounds = async (targets, query, others, options) => {
  const runs: RunResult[] = [];
  const [first, ...rest] = targets;
  for (let round = 0; round < options.rounds; round += 1) {
    const results = await Promise.all(targets.map((target) => runLoad(target, query, others, options)));
    for (const run of results) console.log(formatRun(run));
    const cpu = (run: RunResult) => run.cpuMsPerRequest.gateway ?? Number.NaN;
    const ratios = rest.map((target, index) => `${first!.name}/${target.name} ${(cpu(results[0]!) / cpu(results[index + 1]!)).toFixed(3)}`);
    console.log(`  round ${round + 1}: gateway CPU per request ${ratios.join(', ')}`);
    runs.push(...results);
  }
  return runs;
};
