// Test support for the write side: GraphQL over HTTP, bounded waits, and recorders of what a topic carries.
import { randomUUID } from 'node:crypto';
import { createEnvelope, parseMessage, serializeMessage, type MessageType, type TypedEnvelope } from '@alpes/contracts';
import type { Bus, DeliveredMessage, Reader } from '@alpes/messaging';
import { waitUntil } from './waits.js';

export interface GraphQLAnswer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely by design
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } }[];
}

/** POST /graphql; `authorization` is the whole header value ("Bearer <token>"), absent for an anonymous call. */
export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, authorization?: string): Promise<GraphQLAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLAnswer;
}

/** Every message of a topic from the earliest, parsed with the contracts (an unparsable one fails the test). */
export class TopicRecorder {
  readonly messages: TypedEnvelope[] = [];
  private reader?: Reader;

  private constructor(readonly topic: string) {}

  static async start(bus: Bus, topic: string): Promise<TopicRecorder> {
    const recorder = new TopicRecorder(topic);
    recorder.reader = await bus.read({
      topic,
      start: { from: 'earliest' },
      handler: (message: DeliveredMessage) => void recorder.messages.push(parseMessage(message.body)),
    });
    return recorder;
  }

  of<Type extends MessageType>(type: Type, where: (message: TypedEnvelope<Type>) => boolean = () => true): TypedEnvelope<Type>[] {
    const ofType = this.messages.filter((message) => message.type === type) as TypedEnvelope<Type>[];
    return ofType.filter(where);
  }

  waitFor<Type extends MessageType>(
    type: Type,
    where: (message: TypedEnvelope<Type>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<TypedEnvelope<Type>> {
    return waitUntil(`${type} on ${this.topic}`, () => this.of(type, where)[0], timeoutMs);
  }

  close(): Promise<void> {
    return this.reader?.close() ?? Promise.resolve();
  }
}

/** The outcome of a command on comandos.resultados: ComandoCompletado or ComandoRechazado with its correlation id. */
export function outcomeOf(resultados: TopicRecorder, correlationId: string, timeoutMs = 10_000) {
  const outcome = () =>
    [...resultados.of('ComandoCompletado'), ...resultados.of('ComandoRechazado')].find((message) => message.correlationId === correlationId);
  return waitUntil(`the outcome of ${correlationId}`, outcome, timeoutMs);
}

/**
 * Resolves once `recorder` has seen everything published on its topic before this call: a marker published now is
 * read after all of it. Lets a test assert that something did NOT arrive without sleeping.
 */
export async function caughtUp(bus: Bus, recorder: TopicRecorder, timeoutMs = 10_000): Promise<void> {
  const id = randomUUID();
  const marker = createEnvelope('ComandoCompletado', id, { comandoId: id, comando: 'MarcadorDeTest', entidadId: id }, { correlationId: id });
  await bus.publish(recorder.topic, { key: id, body: serializeMessage(marker) });
  await waitUntil(`the marker on ${recorder.topic}`, () => recorder.messages.some((message) => message.id === marker.id), timeoutMs);
}
