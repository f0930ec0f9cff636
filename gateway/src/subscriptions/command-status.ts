import { COMMAND_TOPICS, TOPICS, parseMessage, type TypedEnvelope } from '@alpes/contracts';
import type { Bus, DeliveredMessage, Reader } from '@alpes/messaging';
import type { Logger } from '@alpes/platform';
import { traceparentOf, tracingActive } from '@alpes/observability';
import { BoundedLru } from './bounded-lru.js';

export type EstadoDeComando = 'ACEPTADO' | 'COMPLETADO' | 'RECHAZADO';

/** What the `comando(correlationId)` subscription emits. */
export interface EstadoComando {
  correlationId: string;
  estado: EstadoDeComando;
  comando: string | null;
  entidadId: string | null;
  motivo: string | null;
  actualizadoEn: string;
  /** The sub of the identity that issued the command (not part of the GraphQL type): who may follow it. */
  emitidoPor: string | null;
  /** When tracing (not part of the GraphQL type): the message that made this state, for the delivery's span. */
  lastMessage?: StateMessage;
}

/** A command or result message as a delivery's span names it, with the trace of the hub span that received it. */
export interface StateMessage {
  topic: string;
  type: string;
  envelopeId: string;
  traceparent: string | undefined;
}

export type CommandStatusListener = (state: EstadoComando) => void;

export interface CommandStatusOptions {
  /** How far back the tracker reads at start (default 15 min): outcomes older than this are unknown. */
  windowMs?: number;
  /** Commands remembered at most (default 100 000; least recently updated forgotten first). */
  capacity?: number;
}

/** 15 minutes: commands finish within seconds, and every gateway start replays this window of the command topics. */
export const DEFAULT_COMMAND_STATUS_WINDOW_MS = 15 * 60 * 1000;

export function isFinished(state: EstadoComando): boolean {
  return state.estado !== 'ACEPTADO';
}

/**
 * The state of every command by correlationId, from non-durable readers on the four command topics
 * (→ ACEPTADO) and comandos.resultados (→ COMPLETADO / RECHAZADO), replayed from `now - window` at start.
 * The topics are read independently, so an outcome may arrive before its command: an outcome is never
 * downgraded back to ACEPTADO, and the first outcome wins.
 */
export class CommandStatusTracker {
  readonly #states: BoundedLru<string, EstadoComando>;
  readonly #listeners = new Map<string, Set<CommandStatusListener>>();
  readonly #readers: Reader[] = [];
  readonly #windowMs: number;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    options: CommandStatusOptions = {},
  ) {
    this.#windowMs = options.windowMs ?? DEFAULT_COMMAND_STATUS_WINDOW_MS;
    this.#states = new BoundedLru(options.capacity ?? 100_000);
  }

  async start(): Promise<void> {
    const time = new Date(Date.now() - this.#windowMs);
    for (const topic of [...COMMAND_TOPICS, TOPICS.resultadosComandos]) {
      this.#readers.push(await this.bus.read({ topic, start: { from: 'time', time }, handler: (message) => this.#receive(message) }));
    }
  }

  current(correlationId: string): EstadoComando | undefined {
    return this.#states.get(correlationId);
  }

  /** Calls `listener` on every change of that command; returns the function that stops it. */
  watch(correlationId: string, listener: CommandStatusListener): () => void {
    let listeners = this.#listeners.get(correlationId);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(correlationId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#listeners.get(correlationId) === listeners) this.#listeners.delete(correlationId);
    };
  }

  /** Applies one command or result envelope; exported for the tracker's own tests. */
  apply(envelope: TypedEnvelope, topic: string): void {
    const previous = this.#states.get(envelope.correlationId);
    const computed = nextState(previous, envelope, topic);
    if (!computed) return;
    // applied inside the hub's receive span of this message (when tracing): each delivery of the state is its child
    const next = tracingActive()
      ? { ...computed, lastMessage: { topic, type: envelope.type, envelopeId: envelope.id, traceparent: traceparentOf() } }
      : computed;
    this.#states.set(envelope.correlationId, next);
    if (previous?.estado === next.estado) return; // only details filled in: not a change clients see
    for (const listener of [...(this.#listeners.get(envelope.correlationId) ?? [])]) listener(next);
  }

  async close(): Promise<void> {
    await Promise.all(this.#readers.splice(0).map((reader) => reader.close()));
    this.#listeners.clear();
  }

  #receive(message: DeliveredMessage): void {
    try {
      this.apply(parseMessage(message.body), message.topic);
    } catch (error) {
      this.logger.warn({ topic: message.topic, messageId: message.messageId, reason: String(error) }, 'command status: skipping a message');
    }
  }
}

function nextState(previous: EstadoComando | undefined, envelope: TypedEnvelope, topic: string): EstadoComando | undefined {
  // a command's outcome carries the command's actor on (causedBy), so either message tells who issued it
  const base = { correlationId: envelope.correlationId, actualizadoEn: envelope.occurredAt, emitidoPor: previous?.emitidoPor ?? envelope.actor?.sub ?? null };
  if ((COMMAND_TOPICS as readonly string[]).includes(topic)) {
    if (!previous) return { ...base, estado: 'ACEPTADO', comando: envelope.type, entidadId: envelope.key, motivo: null };
    if (previous.comando && previous.entidadId && previous.emitidoPor) return undefined;
    return { ...previous, comando: previous.comando ?? envelope.type, entidadId: previous.entidadId ?? envelope.key, emitidoPor: base.emitidoPor };
  }
  if (previous && isFinished(previous)) return undefined;
  if (envelope.type === 'ComandoCompletado') {
    const { comando, entidadId } = envelope.payload;
    return { ...base, estado: 'COMPLETADO', comando, entidadId, motivo: null };
  }
  if (envelope.type === 'ComandoRechazado') {
    const { comando, entidadId, motivo } = envelope.payload;
    return { ...base, estado: 'RECHAZADO', comando, entidadId: entidadId ?? previous?.entidadId ?? null, motivo };
  }
  return undefined;
}
