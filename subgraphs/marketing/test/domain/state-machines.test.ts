import { describe, expect, it } from 'vitest';
import { transicionCampana, type CambioDeEstadoCampana, type EstadoCampana } from '../../src/domain/estado-campana.js';
import { transicionComision, type CambioDeEstadoComision, type EstadoComision } from '../../src/domain/estado-comision.js';

// Every (state, change) pair: the allowed ones are listed here on their own, from the README's rules, so that a change
// to the machine that is not also made here fails.
const ESTADOS_CAMPANA: EstadoCampana[] = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED'];
const CAMBIOS_CAMPANA: CambioDeEstadoCampana[] = ['ActivarCampana', 'PausarCampana', 'FinalizarCampana'];
const CAMPANA_PERMITIDAS: Record<string, EstadoCampana> = {
  'DRAFT ActivarCampana': 'ACTIVE',
  'PAUSED ActivarCampana': 'ACTIVE',
  'ACTIVE PausarCampana': 'PAUSED',
  'ACTIVE FinalizarCampana': 'COMPLETED',
  'PAUSED FinalizarCampana': 'COMPLETED',
};
const CAMPANA_DESDE: Record<CambioDeEstadoCampana, string> = { ActivarCampana: 'DRAFT o PAUSED', PausarCampana: 'ACTIVE', FinalizarCampana: 'ACTIVE o PAUSED' };
const CAMPANA_HACIA: Record<CambioDeEstadoCampana, EstadoCampana> = { ActivarCampana: 'ACTIVE', PausarCampana: 'PAUSED', FinalizarCampana: 'COMPLETED' };

const ESTADOS_COMISION: EstadoComision[] = ['CALCULADA', 'APROBADA', 'PAGADA', 'RECHAZADA'];
const CAMBIOS_COMISION: CambioDeEstadoComision[] = ['AprobarComision', 'PagarComision', 'RechazarComision'];
const COMISION_PERMITIDAS: Record<string, EstadoComision> = {
  'CALCULADA AprobarComision': 'APROBADA',
  'APROBADA PagarComision': 'PAGADA',
  'CALCULADA RechazarComision': 'RECHAZADA',
  'APROBADA RechazarComision': 'RECHAZADA',
};
const COMISION_DESDE: Record<CambioDeEstadoComision, string> = { AprobarComision: 'CALCULADA', PagarComision: 'APROBADA', RechazarComision: 'CALCULADA o APROBADA' };
const COMISION_HACIA: Record<CambioDeEstadoComision, EstadoComision> = { AprobarComision: 'APROBADA', PagarComision: 'PAGADA', RechazarComision: 'RECHAZADA' };

const pairs = <State, Change>(states: State[], changes: Change[]) => states.flatMap((state) => changes.map((change) => [state, change] as const));

describe('the campaign state machine: DRAFT → ACTIVE → PAUSED ↔ ACTIVE → COMPLETED, PAUSED → COMPLETED', () => {
  const all = pairs(ESTADOS_CAMPANA, CAMBIOS_CAMPANA);
  const allowed = all.filter(([estado, cambio]) => `${estado} ${cambio}` in CAMPANA_PERMITIDAS);
  const refused = all.filter(([estado, cambio]) => !(`${estado} ${cambio}` in CAMPANA_PERMITIDAS));

  it('has 5 allowed and 7 refused transitions', () => {
    expect([allowed.length, refused.length]).toEqual([5, 7]);
  });

  it.each(allowed)('%s + %s is allowed', (estado, cambio) => {
    expect(transicionCampana(estado, cambio)).toEqual({ estado: CAMPANA_PERMITIDAS[`${estado} ${cambio}`] });
  });

  it.each(refused)('%s + %s is refused with its motivo', (estado, cambio) => {
    expect(transicionCampana(estado, cambio)).toEqual({
      motivo: `Una campaña en estado ${estado} no puede pasar a ${CAMPANA_HACIA[cambio]} (permitido desde ${CAMPANA_DESDE[cambio]})`,
    });
  });

  it('walks DRAFT → ACTIVE → PAUSED → ACTIVE → PAUSED → COMPLETED, and COMPLETED is final', () => {
    let estado: EstadoCampana = 'DRAFT';
    for (const cambio of ['ActivarCampana', 'PausarCampana', 'ActivarCampana', 'PausarCampana', 'FinalizarCampana'] as const) {
      const resultado = transicionCampana(estado, cambio);
      if (!('estado' in resultado)) throw new Error(`${estado} + ${cambio} refused: ${resultado.motivo}`);
      estado = resultado.estado;
    }
    expect(estado).toBe('COMPLETED');
    for (const cambio of CAMBIOS_CAMPANA) expect(transicionCampana('COMPLETED', cambio)).toHaveProperty('motivo');
  });
});

describe('the commission state machine: CALCULADA → APROBADA → PAGADA; CALCULADA or APROBADA → RECHAZADA', () => {
  const all = pairs(ESTADOS_COMISION, CAMBIOS_COMISION);
  const allowed = all.filter(([estado, cambio]) => `${estado} ${cambio}` in COMISION_PERMITIDAS);
  const refused = all.filter(([estado, cambio]) => !(`${estado} ${cambio}` in COMISION_PERMITIDAS));

  it('has 4 allowed and 8 refused transitions', () => {
    expect([allowed.length, refused.length]).toEqual([4, 8]);
  });

  it.each(allowed)('%s + %s is allowed', (estado, cambio) => {
    expect(transicionComision(estado, cambio)).toEqual({ estado: COMISION_PERMITIDAS[`${estado} ${cambio}`] });
  });

  it.each(refused)('%s + %s is refused with its motivo', (estado, cambio) => {
    expect(transicionComision(estado, cambio)).toEqual({
      motivo: `Una comisión en estado ${estado} no puede pasar a ${COMISION_HACIA[cambio]} (permitido desde ${COMISION_DESDE[cambio]})`,
    });
  });

  it('PAGADA and RECHAZADA are final', () => {
    for (const estado of ['PAGADA', 'RECHAZADA'] as const) for (const cambio of CAMBIOS_COMISION) expect(transicionComision(estado, cambio)).toHaveProperty('motivo');
  });
});
