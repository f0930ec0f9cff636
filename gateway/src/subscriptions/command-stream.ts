import { ATTR, contextFromTraceparent, inSpan, tracingActive } from '@alpes/observability';
import { badUserInput } from '@alpes/platform';
import { forbidden, hasScope, SCOPES, type Identity } from '@alpes/security';
import { isFinished, type CommandStatusTracker, type EstadoComando } from './command-status.js';
import { GatewayBuiltObject } from './field-resolution.js';
import { OrderedAsyncQueue } from './ordered-async-queue.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only the identity that issued a command follows it, or one holding comandos:read (admin). */
function mayFollow(identity: Identity, state: EstadoComando): boolean {
  if (hasScope(identity, SCOPES.comandosRead)) return true;
  return identity.kind === 'user' && state.emitidoPor !== null && state.emitidoPor === identity.sub;
}

/**
 * One state handed to the subscriber, as a `deliver comando` span (when tracing) under the hub's receive span of the
 * message that made the state, like every event delivery (event-streams.ts): ids and names only, no payload.
 */
function delivered(state: EstadoComando, value: GatewayBuiltObject): GatewayBuiltObject | Promise<GatewayBuiltObject> {
  const message = state.lastMessage;
  if (!tracingActive() || !message?.traceparent) return value;
  const attributes = {
    [ATTR.subscriptionField]: 'comando',
    [ATTR.messagingDestination]: message.topic,
    [ATTR.messageType]: message.type,
    [ATTR.envelopeId]: message.envelopeId,
    [ATTR.correlationId]: state.correlationId,
  };
  return inSpan('deliver comando', { parent: contextFromTraceparent(message.traceparent), attributes }, () => value);
}

/**
 * The source stream of `comando(correlationId)`: the current state at once when known, then every change;
 * it completes after the outcome (COMPLETADO / RECHAZADO), since nothing changes after that. Someone else's
 * command ends the stream with FORBIDDEN as soon as its issuer is known (correlationIds are not secrets).
 */
export function openCommandStream(args: Record<string, unknown>, tracker: CommandStatusTracker, identity: Identity): AsyncIterable<GatewayBuiltObject | Error> {
  const { correlationId } = args;
  if (typeof correlationId !== 'string' || !UUID.test(correlationId)) {
    throw badUserInput('correlationId: must be a UUID, the correlationId a mutation returned', 'correlationId');
  }
  const watching: { stop?: () => void } = {};
  const queue = new OrderedAsyncQueue<GatewayBuiltObject | Error>(() => watching.stop?.());
  const emit = (state: EstadoComando) => {
    if (!mayFollow(identity, state)) {
      queue.push(forbidden(`comando(correlationId: "${correlationId}") was issued by another identity: only it (or comandos:read) may follow it`));
      queue.end();
      return;
    }
    queue.push(delivered(state, new GatewayBuiltObject({ ...state })));
    if (isFinished(state)) queue.end();
  };
  // Both calls are synchronous: no change can slip in between them.
  watching.stop = tracker.watch(correlationId, emit);
  const current = tracker.current(correlationId);
  if (current) emit(current);
  return queue;
}
