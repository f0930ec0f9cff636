import type { Bus, ConsumeOptions, Consumer, DeliveredMessage, ReadOptions, Reader } from '../../src/bus.js';

/** What the contract's cases share: the bus of the current test and helpers that clean up after it. */
export interface ContractContext {
  readonly bus: Bus;
  consume(options: ConsumeOptions): Promise<Consumer>;
  read(options: ReadOptions): Promise<Reader>;
  publishInOrder(topic: string, bodies: readonly string[], key?: string): Promise<string[]>;
  bodiesOf(messages: readonly DeliveredMessage[]): string[];
  collect(into: DeliveredMessage[]): (message: DeliveredMessage) => Promise<void>;
  range(prefix: string, count: number): string[];
  /** Registers work to run after the current test, even when it fails (before the bus is closed). */
  onCleanup(cleanup: () => Promise<void> | void): void;
  redeliveryDelayMs: number;
  timeoutMs: number;
  quietMs: number;
  testTimeout: number;
}
