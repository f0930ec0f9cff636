import { traceLogFields } from '@alpes/tracing';
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger per component; LOG_LEVEL picks the level (default info, silent in tests). A line written
 * inside a trace carries its trace_id and span_id (nothing is added when tracing is off).
 */
export function createLogger(component: string): Logger {
  const defaultLevel = process.env.VITEST ? 'silent' : 'info';
  return pino({ name: component, level: process.env.LOG_LEVEL ?? defaultLevel, mixin: traceLogFields });
}
