import { parseMessage, type TypedEnvelope } from '@alpes/contracts';
import type { Bus, Reader } from '@alpes/messaging';

/** For tests: every message of a topic, from the earliest, parsed; plus a bounded wait for one that matches. */
export class TopicRecorder {
  readonly messages: TypedEnvelope[] = [];
  private reader?: Reader;

  private constructor(
    private readonly bus: Bus,
    readonly topic: string,
  ) {}

  static async start(bus: Bus, topic: string): Promise<TopicRecorder> {
    const recorder = new TopicRecorder(bus, topic);
    recorder.reader = await bus.read({ topic, start: { from: 'earliest' }, handler: (message) => void recorder.messages.push(parseMessage(message.body)) });
    return recorder;
  }

  async waitFor(predicate: (message: TypedEnvelope) => boolean, timeoutMs = 10_000): Promise<TypedEnvelope> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message on ${this.topic} within ${timeoutMs} ms (seen: ${this.messages.map((m) => m.type).join(', ') || 'none'})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  count(predicate: (message: TypedEnvelope) => boolean): number {
    return this.messages.filter(predicate).length;
  }

  close(): Promise<void> {
    return this.reader?.close() ?? Promise.resolve();
  }
}
