/**
 * A client's side of the business flow (e2e/operations/FlujoNegocio.graphql) against one gateway: mutations,
 * comando(correlationId) until its outcome, live subscriptions (disposed by disposeAll()).
 */
import { expect } from 'vitest';
import { postGraphQL, subscribe, type LiveSubscription } from '@alpes/testing';
import { loadOperations } from '../../support/operations.js';
import { campanaInput as sharedCampanaInput } from '../../support/campana-input.js';

export const op = loadOperations('FlujoNegocio.graphql');

/** campanaCreada with the selection of FlujoNegocio's CampanaCreada, replayed from a time (`desde`). */
export const CAMPANA_CREADA_DESDE = `subscription CampanaCreadaDesde($desde: DateTime) {
  campanaCreada(desde: $desde) { eventoId ocurridoEn correlationId campana { id nombre estado afiliados { id nombre } } }
}`;

export interface Accepted {
  correlationId: string;
  id: string;
}

/** The shared campaign input, tagged as a Pulsar scenario's. */
export const campanaInput = (nombre: string, afiliadoIds: string[] = []) => sharedCampanaInput(nombre, afiliadoIds, { tags: ['e2e', 'pulsar'] });

/** `authorization` ("Bearer …") is read at each call: the stack (and its token) exists only once started. */
export function flowClient(gatewayUrl: () => string, authorization: () => string) {
  const open: LiveSubscription<any>[] = [];

  function live<Event = any>(query: string, variables?: Record<string, unknown>): LiveSubscription<Event> {
    const subscription = subscribe<Event>(gatewayUrl(), query, variables, authorization());
    open.push(subscription);
    return subscription;
  }

  /** A mutation that must be accepted: its ComandoAceptado. */
  async function send(operation: string, variables: Record<string, unknown>): Promise<Accepted> {
    const { data, errors } = await postGraphQL(gatewayUrl(), operation, variables, authorization());
    expect(errors, JSON.stringify(errors)).toBeUndefined();
    return Object.values(data!)[0] as Accepted;
  }

  /**
   * Waits for comando(correlationId) to leave ACEPTADO; returns the final state. Generous by default: on a broker
   * that keeps history, a freshly started gateway first replays the last COMMAND_STATUS_WINDOW_MS (15 min by default) of command topics and outcomes
   * (its comando tracker), so the first outcomes of a stack can take seconds to tens of seconds.
   */
  async function outcome(correlationId: string, timeoutMs = 180_000) {
    const status = live(op.Comando!, { correlationId });
    const final = await status.waitFor((event) => event.comando.estado !== 'ACEPTADO', timeoutMs);
    return final.comando as { correlationId: string; estado: string; entidadId: string | null; motivo: string | null };
  }

  /** Sends a mutation and waits for its command to be COMPLETADO. */
  async function completed(operation: string, variables: Record<string, unknown>): Promise<Accepted> {
    const accepted = await send(operation, variables);
    expect(await outcome(accepted.correlationId)).toMatchObject({ estado: 'COMPLETADO', correlationId: accepted.correlationId });
    return accepted;
  }

  async function disposeAll(): Promise<void> {
    await Promise.all(open.splice(0).map((subscription) => subscription.dispose()));
  }

  return { live, send, outcome, completed, disposeAll };
}
