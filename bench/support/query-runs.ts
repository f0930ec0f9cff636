// One autocannon run against one target with the CPU each process used meanwhile: the unit bench:query repeats.
import autocannon from 'autocannon';
import { startCpuWindow, type CpuSource } from './cpu-meter.js';

export interface QueryTarget {
  name: string;
  url: string;
  /** The process that serves this target; its CPU is reported under `role`. */
  process: CpuSource;
  role: 'gateway' | 'subgraphs';
  /**
   * The Authorization header each request carries: a client token at a gateway (the same on every request, as one
   * client sends it), or a getter for the short-lived gateway-signed identity a subgraph called directly requires.
   */
  authorization: string | (() => string);
}

/**
 * A query whose variables change from request to request (`variablesFor(n)` for the n-th request of a run, from 0), so
 * that concurrent operations are not alike; a plain string sends the same body every time.
 */
export interface VariedQuery {
  query: string;
  variablesFor: (request: number) => Record<string, unknown>;
}

export type LoadQuery = string | VariedQuery;

export interface RunResult {
  target: string;
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU ms per request for every measured process (the target's own under its role). */
  cpuMsPerRequest: Record<string, number | undefined>;
  loadAverage: number;
  machineBusy: number | undefined;
  machineStolen: number | undefined;
}

export async function runLoad(
  target: QueryTarget,
  query: LoadQuery,
  others: readonly CpuSource[],
  options: { connections: number; durationS: number },
): Promise<RunResult> {
  const sources = [{ ...target.process, name: target.role }, ...others];
  const endWindow = startCpuWindow(sources);
  const { authorization } = target;
  const headersNow = () => ({ 'content-type': 'application/json', authorization: typeof authorization === 'string' ? authorization : authorization() });
  let sent = 0;
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationS,
    ...(typeof authorization === 'string' && typeof query === 'string'
      ? { headers: headersNow(), body: JSON.stringify({ query }) }
      : {
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                headers: headersNow(),
                body: typeof query === 'string' ? JSON.stringify({ query }) : JSON.stringify({ query: query.query, variables: query.variablesFor(sent++) }),
              }),
            },
          ],
        }),
  });
  const window = endWindow();
  const requests = result.requests.total;
  const cpuMsPerRequest = Object.fromEntries(
    Object.entries(window.seconds).map(([name, seconds]) => [name, seconds === undefined || requests === 0 ? undefined : (seconds * 1000) / requests]),
  );
  return {
    target: target.name,
    requestsPerSecond: requests / window.wallSeconds,
    requests,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.non2xx + result.timeouts,
    cpuMsPerRequest,
    loadAverage: window.loadAverage,
    machineBusy: window.machineBusy,
    machineStolen: window.machineStolen,
  };
}

/** One POST, checked: data and no errors. Returns the data (to compare targets). */
export async function checkedQuery(target: QueryTarget, query: LoadQuery): Promise<unknown> {
  const authorization = typeof target.authorization === 'string' ? target.authorization : target.authorization();
  const sent = typeof query === 'string' ? { query } : { query: query.query, variables: query.variablesFor(0) };
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(sent) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || body.errors?.length || !body.data)
    throw new Error(`${target.name} (${target.url}) answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** A gateway must refuse the client's token with its signature altered (HTTP 401): it verifies, it does not just forward. */
export async function checkRefusesTamperedToken(target: QueryTarget, query: string): Promise<void> {
  if (typeof target.authorization !== 'string') return;
  const tampered = target.authorization.slice(0, -4) + (target.authorization.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: tampered },
    body: JSON.stringify({ query }),
  });
  if (response.status !== 401)
    throw new Error(`${target.name} answered ${response.status} to a tampered token, not 401: ${(await response.text()).slice(0, 300)}`);
}

const fixed = (value: number | undefined, digits = 2) => (value === undefined ? 'n/a' : value.toFixed(digits));

export function formatRun(run: RunResult): string {
  const cpu = Object.entries(run.cpuMsPerRequest)
    .map(([name, ms]) => `${name} ${fixed(ms)}`)
    .join(', ');
  return (
    `  ${run.target.padEnd(26)} ${run.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(run.p50).padStart(4)} ms  p99 ${String(run.p99).padStart(4)} ms` +
    `  failures ${run.failures}  CPU ms/req: ${cpu}  (load ${run.loadAverage.toFixed(1)}, machine ${run.machineBusy === undefined ? 'n/a' : `${Math.round(run.machineBusy * 100)} %`} busy${run.machineStolen ? `, ${Math.round(run.machineStolen * 100)} % stolen by the host` : ''})`
  );
}

export interface TargetTotals {
  requestsPerSecond: number[];
  p50: number[];
  p99: number[];
  /** CPU ms per request per process over all of the target's runs (CPU summed / requests summed). */
  cpuMsPerRequest: Record<string, number | undefined>;
}

export function totalsOf(runs: readonly RunResult[]): TargetTotals {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const names = Object.keys(runs[0]?.cpuMsPerRequest ?? {});
  const cpuMsPerRequest = Object.fromEntries(
    names.map((name) => {
      if (runs.some((run) => run.cpuMsPerRequest[name] === undefined)) return [name, undefined];
      return [name, runs.reduce((sum, run) => sum + run.cpuMsPerRequest[name]! * run.requests, 0) / requests];
    }),
  );
  return { requestsPerSecond: runs.map((run) => run.requestsPerSecond), p50: runs.map((run) => run.p50), p99: runs.map((run) => run.p99), cpuMsPerRequest };
}

export const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/** How a bench runs its targets in rounds (alternatingRounds here, concurrentRounds in concurrent-rounds.ts). */
export type LoadRounds = (
  targets: readonly QueryTarget[],
  query: string,
  others: readonly CpuSource[],
  options: { connections: number; durationS: number; rounds: number },
) => Promise<RunResult[]>;

/** `on` against `off` over all their runs: the req/s ratio and each one's gateway CPU ms per request. */
export function onOffRatios(runs: readonly RunResult[], on: string, off: string) {
  const totals = (name: string) => totalsOf(runs.filter((run) => run.target === name));
  const [onTotals, offTotals] = [totals(on), totals(off)];
  return {
    requests: mean(onTotals.requestsPerSecond) / mean(offTotals.requestsPerSecond),
    cpuOn: onTotals.cpuMsPerRequest.gateway,
    cpuOff: offTotals.cpuMsPerRequest.gateway,
  };
}

/** "ratio on/off: req/s …, gateway CPU ms/request on … / off …" for an overhead goal of `goalPercent`. */
export function formatOnOff({ requests, cpuOn, cpuOff }: ReturnType<typeof onOffRatios>, goalPercent: number): string {
  return (
    `  ratio on/off: req/s ${requests.toFixed(3)} (overhead ${((1 - requests) * 100).toFixed(1)} %; goal ≤ ${goalPercent} %); ` +
    `gateway CPU ms/request on ${cpuOn?.toFixed(3)} / off ${cpuOff?.toFixed(3)}`
  );
}

/**
 * `rounds` rounds of one run per target, the order reversed every other round (no target always runs first); each
 * run is printed as it ends. The A/B benches (limits, tracing) read their ratios from these runs.
 */
export const alternatingRounds: LoadRounds = async (targets, query, others, options) => {
  const runs: RunResult[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const run = await runLoad(target, query, others, options);
      runs.push(run);
      console.log(formatRun(run));
    }
  }
  return runs;
};
