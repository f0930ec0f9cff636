import { badUserInput } from '@alpes/platform';
import { isFinished, type CommandStatusTracker, type EstadoComando } from './command-status.js';
import { GatewayBuiltObject } from './field-resolution.js';
import { OrderedAsyncQueue } from './ordered-async-queue.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The source stream of `comando(correlationId)`: the current state at once when known, then every change;
 * it completes after the outcome (COMPLETADO / RECHAZADO), since nothing changes after that.
 */
export function openCommandStream(args: Record<string, unknown>, tracker: CommandStatusTracker): AsyncIterable<GatewayBuiltObject> {
  const { correlationId } = args;
  if (typeof correlationId !== 'string' || !UUID.test(correlationId)) {
    throw badUserInput('correlationId: must be a UUID, the correlationId a mutation returned', 'correlationId');
  }
  const watching: { stop?: () => void } = {};
  const queue = new OrderedAsyncQueue<GatewayBuiltObject>(() => watching.stop?.());
  const emit = (state: EstadoComando) => {
    queue.push(new GatewayBuiltObject({ ...state }));
    if (isFinished(state)) queue.end();
  };
  // Both calls are synchronous: no change can slip in between them.
  watching.stop = tracker.watch(correlationId, emit);
  const current = tracker.current(correlationId);
  if (current) emit(current);
  return queue;
}
