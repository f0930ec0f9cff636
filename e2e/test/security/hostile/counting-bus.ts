// A Bus that delegates to a real one and counts every message published, per topic: "no message" is checked here.
import { COMMAND_TOPICS, TOPICS } from '@alpes/contracts';
import type { Bus, ConsumeOptions, Consumer, OutgoingMessage, ReadOptions, Reader } from '@alpes/messaging';

export class PublishCountingBus implements Bus {
  readonly #published = new Map<string, number>();
  /** correlationIds of the commands whose outcome (ComandoCompletado / ComandoRechazado) was published. */
  readonly #outcomes = new Map<string, string>();
  /** Every message published, in order: its topic and its envelope's correlationId. */
  readonly #log: { topic: string; correlationId: string }[] = [];

  constructor(readonly inner: Bus) {}

  /** Messages published so far on every topic. */
  total(): number {
    return [...this.#published.values()].reduce((sum, count) => sum + count, 0);
  }

  /** Messages published so far on the command topics (only a mutation that was accepted publishes there). */
  commands(): number {
    return COMMAND_TOPICS.reduce((sum, topic) => sum + (this.#published.get(topic) ?? 0), 0);
  }

  /** The correlationIds of every message published so far (the commands, and what they caused). */
  correlationIds(): Set<string> {
    return new Set(this.#log.map((entry) => entry.correlationId));
  }

  /** The messages published after the first `count`. */
  publishedAfter(count: number): readonly { topic: string; correlationId: string }[] {
    return this.#log.slice(count);
  }

  /** True once the command's outcome was published. */
  hasOutcome(correlationId: string): boolean {
    return this.#outcomes.has(correlationId);
  }

  /** The command's outcome as published ("ComandoRechazado: <motivo>"), once it was. */
  outcomeOf(correlationId: string): string | undefined {
    return this.#outcomes.get(correlationId);
  }

  async publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const receipt = await this.inner.publish(topic, message);
    this.#published.set(topic, (this.#published.get(topic) ?? 0) + 1);
    const envelope = JSON.parse(message.body) as { correlationId?: unknown; type?: unknown; payload?: { motivo?: unknown } };
    const correlationId = String(envelope.correlationId);
    this.#log.push({ topic, correlationId });
    if (topic === TOPICS.resultadosComandos)
      this.#outcomes.set(correlationId, `${String(envelope.type)}${envelope.payload?.motivo ? `: ${String(envelope.payload.motivo)}` : ''}`);
    return receipt;
  }

  consume(options: ConsumeOptions): Promise<Consumer> {
    return this.inner.consume(options);
  }

  read(options: ReadOptions): Promise<Reader> {
    return this.inner.read(options);
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
