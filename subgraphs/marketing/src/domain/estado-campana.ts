export type EstadoCampana = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED';
export type CambioDeEstadoCampana = 'ActivarCampana' | 'PausarCampana' | 'FinalizarCampana';

/**
 * The campaign state machine: DRAFT → ACTIVE → PAUSED ↔ ACTIVE → COMPLETED.
 * A paused campaign may also be finished (PAUSED → COMPLETED): ending a campaign should not require reactivating it.
 */
const TRANSICIONES: Record<CambioDeEstadoCampana, { desde: EstadoCampana[]; hacia: EstadoCampana }> = {
  ActivarCampana: { desde: ['DRAFT', 'PAUSED'], hacia: 'ACTIVE' },
  PausarCampana: { desde: ['ACTIVE'], hacia: 'PAUSED' },
  FinalizarCampana: { desde: ['ACTIVE', 'PAUSED'], hacia: 'COMPLETED' },
};

/** The new state, or why the transition is forbidden. */
export function transicionCampana(actual: EstadoCampana, cambio: CambioDeEstadoCampana): { estado: EstadoCampana } | { motivo: string } {
  const { desde, hacia } = TRANSICIONES[cambio];
  if (desde.includes(actual)) return { estado: hacia };
  return { motivo: `Una campaña en estado ${actual} no puede pasar a ${hacia} (permitido desde ${desde.join(' o ')})` };
}
