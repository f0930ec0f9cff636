// Paced crearCampana mutations over HTTP: M per second for D seconds on an absolute schedule (a late mutation does
// not push the next ones back), each timed from the moment it is sent. The answer's id names the event. Each carries
// the client's Authorization header (a marketing token: crearCampana needs campanas:write).
import { CREAR_CAMPANA_MUTATION, crearCampanaVariables } from './bench-commands.js';

const epochNow = () => performance.timeOrigin + performance.now();
const MAX_IN_FLIGHT = 200;

export interface SentEvent {
  id: string;
  sentAt: number;
  /** The mutation's own round trip (command accepted). */
  acceptedMs: number;
}

export interface PacedRun {
  sent: SentEvent[];
  failures: string[];
  /** How far behind its schedule the latest send was (the pacer itself was late when this grows). */
  maxLagMs: number;
}

let sequence = 0;

export async function sendCrearCampana(url: string, authorization: string): Promise<SentEvent> {
  const sentAt = epochNow();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: CREAR_CAMPANA_MUTATION, variables: crearCampanaVariables(sequence++) }),
  });
  const body = (await response.json()) as { data?: { crearCampana?: { id?: string } }; errors?: unknown };
  const id = body.data?.crearCampana?.id;
  if (!id) throw new Error(`crearCampana answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { id, sentAt, acceptedMs: epochNow() - sentAt };
}

export async function paceMutations(url: string, authorization: string, perSecond: number, durationS: number): Promise<PacedRun> {
  const total = Math.max(1, Math.round(perSecond * durationS));
  const periodMs = 1000 / perSecond;
  const started = performance.now();
  const sent: SentEvent[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxLagMs = 0;
  for (let index = 0; index < total; index += 1) {
    const due = started + index * periodMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const request: Promise<void> = sendCrearCampana(url, authorization)
      .then((event) => void sent.push(event))
      .catch((error: unknown) => void failures.push(error instanceof Error ? error.message : String(error)))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  return { sent, failures, maxLagMs };
}
