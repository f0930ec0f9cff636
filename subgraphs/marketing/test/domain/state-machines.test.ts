import { describe, expect, it } from 'vitest';
import { transicionCampana, type CambioDeEstadoCampana, type EstadoCampana } from '../../src/domain/estado-campana.js';
import { transicionComision, type CambioDeEstadoComision, type EstadoComision } from '../../src/domain/estado-comision.js';

// Every (state, change) pair of each machine. The allowed ones are listed here on their own, from the README's rules,
// so that a change to a machine that is not also made here fails.
interface Machine<State extends string, Change extends string> {
  /** "Una campaña", "Una comisión": how a refusal names the entity. */
  entidad: string;
  states: State[];
  changes: Change[];
  /** `${state} ${change}` → the new state. */
  allowed: Record<string, State>;
  /** The states each change is allowed from, as the motivo lists them. */
  desde: Record<Change, string>;
  hacia: Record<Change, State>;
  transicion(actual: State, cambio: Change): { estado: State } | { motivo: string };
}

function describeMachine<State extends string, Change extends string>(title: string, machine: Machine<State, Change>, counts: [number, number]) {
  describe(title, () => {
    const all = machine.states.flatMap((state) => machine.changes.map((change) => [state, change] as const));
    const isAllowed = ([state, change]: readonly [State, Change]) => `${state} ${change}` in machine.allowed;
    const allowed = all.filter(isAllowed);
    const refused = all.filter((pair) => !isAllowed(pair));

    it(`has ${counts[0]} allowed and ${counts[1]} refused transitions`, () => {
      expect([allowed.length, refused.length]).toEqual(counts);
    });

    it.each(allowed)('%s + %s is allowed', (estado, cambio) => {
      expect(machine.transicion(estado, cambio)).toEqual({ estado: machine.allowed[`${estado} ${cambio}`] });
    });

    it.each(refused)('%s + %s is refused with its motivo', (estado, cambio) => {
      expect(machine.transicion(estado, cambio)).toEqual({
        motivo: `${machine.entidad} en estado ${estado} no puede pasar a ${machine.hacia[cambio]} (permitido desde ${machine.desde[cambio]})`,
      });
    });
  });
}

describeMachine<EstadoCampana, CambioDeEstadoCampana>(
  'the campaign state machine: DRAFT → ACTIVE → PAUSED ↔ ACTIVE → COMPLETED, PAUSED → COMPLETED',
  {
    entidad: 'Una campaña',
    states: ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED'],
    changes: ['ActivarCampana', 'PausarCampana', 'FinalizarCampana'],
    allowed: {
      'DRAFT ActivarCampana': 'ACTIVE',
      'PAUSED ActivarCampana': 'ACTIVE',
      'ACTIVE PausarCampana': 'PAUSED',
      'ACTIVE FinalizarCampana': 'COMPLETED',
      'PAUSED FinalizarCampana': 'COMPLETED',
    },
    desde: { ActivarCampana: 'DRAFT o PAUSED', PausarCampana: 'ACTIVE', FinalizarCampana: 'ACTIVE o PAUSED' },
    hacia: { ActivarCampana: 'ACTIVE', PausarCampana: 'PAUSED', FinalizarCampana: 'COMPLETED' },
    transicion: transicionCampana,
  },
  [5, 7],
);

describeMachine<EstadoComision, CambioDeEstadoComision>(
  'the commission state machine: CALCULADA → APROBADA → PAGADA; CALCULADA or APROBADA → RECHAZADA',
  {
    entidad: 'Una comisión',
    states: ['CALCULADA', 'APROBADA', 'PAGADA', 'RECHAZADA'],
    changes: ['AprobarComision', 'PagarComision', 'RechazarComision'],
    allowed: {
      'CALCULADA AprobarComision': 'APROBADA',
      'APROBADA PagarComision': 'PAGADA',
      'CALCULADA RechazarComision': 'RECHAZADA',
      'APROBADA RechazarComision': 'RECHAZADA',
    },
    desde: { AprobarComision: 'CALCULADA', PagarComision: 'APROBADA', RechazarComision: 'CALCULADA o APROBADA' },
    hacia: { AprobarComision: 'APROBADA', PagarComision: 'PAGADA', RechazarComision: 'RECHAZADA' },
    transicion: transicionComision,
  },
  [4, 8],
);

describe('walks through both machines', () => {
  it('a campaign: DRAFT → ACTIVE → PAUSED → ACTIVE → PAUSED → COMPLETED, and COMPLETED is final', () => {
    let estado: EstadoCampana = 'DRAFT';
    for (const cambio of ['ActivarCampana', 'PausarCampana', 'ActivarCampana', 'PausarCampana', 'FinalizarCampana'] as const) {
      const resultado = transicionCampana(estado, cambio);
      if (!('estado' in resultado)) throw new Error(`${estado} + ${cambio} refused: ${resultado.motivo}`);
      estado = resultado.estado;
    }
    expect(estado).toBe('COMPLETED');
    for (const cambio of ['ActivarCampana', 'PausarCampana', 'FinalizarCampana'] as const)
      expect(transicionCampana('COMPLETED', cambio)).toHaveProperty('motivo');
  });

  it('a commission: PAGADA and RECHAZADA are final', () => {
    for (const estado of ['PAGADA', 'RECHAZADA'] as const) {
      for (const cambio of ['AprobarComision', 'PagarComision', 'RechazarComision'] as const)
        expect(transicionComision(estado, cambio)).toHaveProperty('motivo');
    }
  });
});
