// Resume under load (issue 17, goal 4): N subscribers of campanaCreada drop their sockets at random and resume with
// desdeEvento while crearCampana mutations produce E events a second for D seconds; afterwards every subscriber must
// hold every event exactly once within a deadline. The same scenario runs on Pulsar (the gateway in its own process)
// and on the memory bus. Sizes come from the environment, so a bench-sized run is the same code:
//   RESUME_SUBSCRIBERS (default 100), RESUME_EVENTS_PER_S (100), RESUME_DURATION_S (5; the bench-sized run: 30), RESUME_DEADLINE_S (30).
import { loadavg } from 'node:os';
import { expect } from 'vitest';
import { postGraphQL, sleep, waitUntil } from '@alpes/testing';
import { loadOperations } from './operations.js';
import { ResumingSubscriber } from './resuming-subscriber.js';

const op = loadOperations('FlujoNegocio.graphql');

export const RESUME_SIZES = {
  subscribers: Number(process.env.RESUME_SUBSCRIBERS ?? 100),
  eventsPerSecond: Number(process.env.RESUME_EVENTS_PER_S ?? 100),
  durationS: Number(process.env.RESUME_DURATION_S ?? 5),
  deadlineS: Number(process.env.RESUME_DEADLINE_S ?? 30),
};

// Two selections, half the subscribers each: the first is all in the event's snapshot, the second needs the marketing
// subgraph (metaConversiones, tags, creadaEn are not in it), so every event is hydrated under load.
const SELECTIONS = [
  'subscription ResumeA($desdeEvento: ID) { campanaCreada(desdeEvento: $desdeEvento) { eventoId campana { id nombre estado } } }',
  'subscription ResumeB($desdeEvento: ID) { campanaCreada(desdeEvento: $desdeEvento) { eventoId ocurridoEn campana { id nombre presupuesto metaConversiones tags creadaEn } } }',
];

export interface ResumeTarget {
  gatewayUrl: string;
  /** A JWT per identity: each subscriber is a user of its own (the gateway limits connections per user). */
  token(role: 'marketing', sub: string): Promise<string>;
}

const bearer = (token: string) => `Bearer ${token}`;

export interface ResumeReport {
  sent: number;
  mutationFailures: string[];
  /** Per subscriber: events it never got, events it got more than once. */
  missing: number[];
  duplicated: number[];
  /** Error codes over every subscriber, with their count. */
  errorCodes: Record<string, number>;
  failedEvents: string[];
  overflowCursorMismatches: string[];
  resumes: number;
  drops: number;
  /** From the last event (a subscriber that never dropped has them all) to every subscriber having every event (undefined: not within the deadline). */
  settledAfterMs: number | undefined;
  summary: string;
}

/** Every `periodMs` on an absolute schedule, at most 200 in flight: the accepted campaign ids, and what failed. */
async function paceCrearCampana(target: ResumeTarget, authorizations: string[], perSecond: number, durationS: number) {
  const total = Math.round(perSecond * durationS);
  const started = performance.now();
  const ids: string[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < total; index += 1) {
    const wait = started + (index * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= 200) await Promise.race(inFlight);
    const request = crearCampana(target, authorizations[index % authorizations.length]!, `Reanudación ${index}`)
      .then((id) => void ids.push(id))
      .catch((error: unknown) => void failures.push(error instanceof Error ? error.message : String(error)))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  return { ids, failures };
}

async function crearCampana(target: ResumeTarget, authorization: string, nombre: string): Promise<string> {
  const input = {
    nombre,
    descripcion: 'Reanudación bajo carga',
    fechaInicio: '2026-12-01',
    fechaFin: '2026-12-31',
    presupuesto: '1000.00',
    metaConversiones: 10,
    tipo: 'DIGITAL',
    porcentajeComision: '10',
    tags: ['e2e', 'reanudacion'],
    afiliadoIds: [],
  };
  const { data, errors } = await postGraphQL(target.gatewayUrl, op.CrearCampana!, { input }, authorization);
  const id = (data?.crearCampana as { id?: string } | undefined)?.id;
  if (errors || !id) throw new Error(`crearCampana: ${JSON.stringify(errors ?? data).slice(0, 300)}`);
  return id;
}

export async function runResumeUnderLoad(target: ResumeTarget, sizes = RESUME_SIZES): Promise<ResumeReport> {
  const wsUrl = target.gatewayUrl.replace(/^http/, 'ws');
  // the gateway admits RATE_LIMIT_PER_SECOND (default 50) requests a second per user: the pacer acts as several
  const pacers = await Promise.all(
    Array.from({ length: Math.max(1, Math.ceil(sizes.eventsPerSecond / 25)) }, (_, i) => target.token('marketing', `pacer-${i}`).then(bearer)),
  );
  const subscribers = await Promise.all(
    Array.from(
      { length: sizes.subscribers },
      async (_, i) => new ResumingSubscriber({ wsUrl, authorization: bearer(await target.token('marketing', `resume-${i}`)), query: SELECTIONS[i % 2]! }),
    ),
  );
  // a subscriber that never drops its socket: when it has every event, the last one has reached the gateway
  const control = new ResumingSubscriber({ wsUrl, authorization: bearer(await target.token('marketing', 'resume-control')), query: SELECTIONS[1]! });
  subscribers.forEach((subscriber) => subscriber.start());
  control.start();
  const dropTimers = new Set<NodeJS.Timeout>();
  try {
    // graphql-ws does not acknowledge a subscribe: an event every subscriber received proves all are registered,
    // and gives each a cursor to resume from
    await waitUntil(
      () => `a warm-up campaign at all ${subscribers.length} subscribers`,
      async () => {
        const id = await crearCampana(target, pacers[0]!, 'Calentamiento').catch(() => undefined);
        if (id === undefined) return false; // UNAVAILABLE while the stack warms up: send another
        return waitUntil('', () => [control, ...subscribers].every((subscriber) => subscriber.hasAll([id])), 15_000).catch(() => false);
      },
      90_000,
    );
    let pacing = true;
    const scheduleDrop = (subscriber: ResumingSubscriber) => {
      const timer = setTimeout(
        () => {
          dropTimers.delete(timer);
          if (!pacing) return;
          subscriber.drop();
          scheduleDrop(subscriber);
        },
        500 + Math.random() * 2_500,
      );
      dropTimers.add(timer);
    };
    subscribers.forEach(scheduleDrop);
    const started = Date.now();
    const { ids, failures } = await paceCrearCampana(target, pacers, sizes.eventsPerSecond, sizes.durationS);
    pacing = false;
    const pacedMs = Date.now() - started;
    // the deadline counts from the last EVENT: when a subscriber that never dropped has them all (the command path
    // may lag behind the mutations' answers on a loaded machine; that lag is reported, not counted)
    const lastEventAt: number | undefined = await waitUntil('', () => (control.hasAll(ids) ? Date.now() : undefined), 120_000).catch(() => undefined);
    const eventLagMs = lastEventAt === undefined ? undefined : lastEventAt - started - pacedMs;
    const settled =
      lastEventAt === undefined
        ? undefined
        : await waitUntil('', () => subscribers.every((subscriber) => subscriber.hasAll(ids)), sizes.deadlineS * 1000).then(
            () => Date.now() - lastEventAt,
            () => undefined,
          );
    const result = report(subscribers, ids, failures, settled, pacedMs, sizes);
    result.summary += `; the last event reached a subscriber that never dropped ${eventLagMs === undefined ? 'NEVER (120 s)' : `${(eventLagMs / 1000).toFixed(1)} s after the last mutation's answer`}`;
    result.summary += await gatewayCounters(target.gatewayUrl);
    return result;
  } finally {
    dropTimers.forEach(clearTimeout);
    [control, ...subscribers].forEach((subscriber) => subscriber.stop());
  }
}

/** The gateway's own counters of this run (GET /metrics): what it delivered and how many hydrations it ran. */
async function gatewayCounters(gatewayUrl: string): Promise<string> {
  const text = await fetch(new URL('/metrics', gatewayUrl))
    .then((response) => response.text())
    .catch((error: unknown) => `unreadable: ${String(error)}`);
  const wanted = /^(hydration_operations_total|(subscription_events_delivered_total|subscriptions_active)\{field="campanaCreada"\})/;
  const lines = text.split('\n').filter((line) => wanted.test(line));
  return `; gateway: ${lines.join(', ')}`;
}

function report(
  subscribers: ResumingSubscriber[],
  ids: string[],
  mutationFailures: string[],
  settledAfterMs: number | undefined,
  pacedMs: number,
  sizes: typeof RESUME_SIZES,
): ResumeReport {
  const errorCodes: Record<string, number> = {};
  for (const { record } of subscribers) for (const [code, count] of record.errorCodes) errorCodes[code] = (errorCodes[code] ?? 0) + count;
  const missing = subscribers.map(({ record }) => ids.filter((id) => !record.received.has(id)).length);
  const duplicated = subscribers.map(({ record }) => ids.filter((id) => (record.received.get(id) ?? 0) > 1).length);
  const deliveries = ids.length * subscribers.length;
  const missed = missing.reduce((sum, count) => sum + count, 0);
  const resumes = subscribers.reduce((sum, { record }) => sum + record.resumes, 0);
  const drops = subscribers.reduce((sum, { record }) => sum + record.drops, 0);
  const worst = subscribers[missing.indexOf(Math.max(...missing))]!;
  const gaps = ids.flatMap((id, index) => (worst.record.received.has(id) ? [] : [index]));
  const sorted = [...missing].sort((a, b) => a - b);
  const spread =
    `missing per subscriber min ${sorted[0]} median ${sorted[Math.floor(sorted.length / 2)]} max ${sorted.at(-1)}` +
    (gaps.length > 0 ? ` (the worst misses events #${gaps.slice(0, 12).join(', #')}${gaps.length > 12 ? '…' : ''} of the ${ids.length})` : '');
  const summary =
    `resume under load: ${subscribers.length} subscribers, ${ids.length} events in ${(pacedMs / 1000).toFixed(1)} s ` +
    `(${sizes.eventsPerSecond}/s asked), ${drops} socket drops, ${resumes} resumes; ` +
    `missing ${missed} of ${deliveries} deliveries (${((100 * missed) / Math.max(1, deliveries)).toFixed(2)} %), ` +
    `${spread}; duplicated ${duplicated.reduce((sum, count) => sum + count, 0)}; errors ${JSON.stringify(errorCodes)}; ` +
    `all delivered ${settledAfterMs === undefined ? `NOT within ${sizes.deadlineS} s` : `${(settledAfterMs / 1000).toFixed(1)} s`} after the last event; ` +
    `load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`;
  return {
    sent: ids.length,
    mutationFailures,
    missing,
    duplicated,
    errorCodes,
    failedEvents: subscribers.flatMap(({ record }) => record.failedEvents).slice(0, 5),
    overflowCursorMismatches: subscribers.flatMap(({ record }) => record.overflowCursorMismatches).slice(0, 5),
    resumes,
    drops,
    settledAfterMs,
    summary,
  };
}

/** The goal: every mutation accepted, every event at every subscriber once, no event failed, overflows name their cursor. */
export function expectEveryEventExactlyOnce(report: ResumeReport, sizes = RESUME_SIZES): void {
  expect(report.mutationFailures, report.summary).toEqual([]);
  expect(report.sent, report.summary).toBe(Math.round(sizes.eventsPerSecond * sizes.durationS));
  expect(report.drops, 'the subscribers did drop their sockets').toBeGreaterThan(0);
  expect(report.failedEvents, report.summary).toEqual([]);
  expect(report.overflowCursorMismatches, report.summary).toEqual([]);
  expect(report.missing.filter((count) => count > 0).length, `subscribers missing events; ${report.summary}`).toBe(0);
  expect(report.duplicated.filter((count) => count > 0).length, `subscribers with duplicates; ${report.summary}`).toBe(0);
  expect(report.settledAfterMs, report.summary).toBeDefined();
}
