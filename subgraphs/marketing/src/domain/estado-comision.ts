export type EstadoComision = 'CALCULADA' | 'APROBADA' | 'PAGADA' | 'RECHAZADA';
export type CambioDeEstadoComision = 'AprobarComision' | 'PagarComision' | 'RechazarComision';

/** The commission state machine: CALCULADA → APROBADA → PAGADA; CALCULADA or APROBADA → RECHAZADA. */
const TRANSICIONES: Record<CambioDeEstadoComision, { desde: EstadoComision[]; hacia: EstadoComision }> = {
  AprobarComision: { desde: ['CALCULADA'], hacia: 'APROBADA' },
  PagarComision: { desde: ['APROBADA'], hacia: 'PAGADA' },
  RechazarComision: { desde: ['CALCULADA', 'APROBADA'], hacia: 'RECHAZADA' },
};

export function transicionComision(actual: EstadoComision, cambio: CambioDeEstadoComision): { estado: EstadoComision } | { motivo: string } {
  const { desde, hacia } = TRANSICIONES[cambio];
  if (desde.includes(actual)) return { estado: hacia };
  return { motivo: `Una comisión en estado ${actual} no puede pasar a ${hacia} (permitido desde ${desde.join(' o ')})` };
}
