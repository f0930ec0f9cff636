import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { calcularComision, type AfiliadoParaComision, type CampanaParaComision } from '../../src/domain/calcular-comision.js';

const AFILIADO = 'a0000000-0000-7000-8000-000000000001';
const campana = (extra: Partial<CampanaParaComision> = {}): CampanaParaComision => ({
  estado: 'ACTIVE',
  porcentajeComision: '10',
  afiliadoIds: new Set([AFILIADO]),
  ...extra,
});
const afiliado = (extra: Partial<AfiliadoParaComision> = {}): AfiliadoParaComision => ({ id: AFILIADO, comisionBase: '5', estado: 'ACTIVO', ...extra });

/** The result with its decimals as fixed 2-decimal strings, as they are stored and published. */
function calcular(valor: Decimal.Value, campanaParaComision: CampanaParaComision, afiliadoParaComision: AfiliadoParaComision | null) {
  const { montoBase, porcentaje, monto, ...rest } = calcularComision(valor, campanaParaComision, afiliadoParaComision);
  return { ...rest, montoBase: montoBase.toFixed(2), porcentaje: porcentaje.toFixed(2), monto: monto.toFixed(2) };
}

describe('calcularComision: monto = valor × porcentaje / 100', () => {
  it('uses the campaign percentage when the affiliate base is lower', () => {
    expect(calcular('200.00', campana(), afiliado({ comisionBase: '5' }))).toEqual({
      estado: 'CALCULADA',
      montoBase: '200.00',
      porcentaje: '10.00',
      monto: '20.00',
    });
  });

  it("raises the percentage to the affiliate's comisionBase when that is higher", () => {
    expect(calcular('200.00', campana({ porcentajeComision: '10' }), afiliado({ comisionBase: '12' }))).toEqual({
      estado: 'CALCULADA',
      montoBase: '200.00',
      porcentaje: '12.00',
      monto: '24.00',
    });
    expect(calcular('80', campana({ porcentajeComision: '7.5' }), afiliado({ comisionBase: '7.51' }))).toMatchObject({ porcentaje: '7.51', monto: '6.01' });
  });

  it('keeps the campaign percentage when both are equal', () => {
    expect(calcular('50', campana({ porcentajeComision: '8.25' }), afiliado({ comisionBase: '8.25' }))).toMatchObject({ porcentaje: '8.25', monto: '4.13' });
  });

  it('computes in decimal arithmetic, rounding half up to cents where binary floating point would not', () => {
    // 100.50 × 1 % = 1.005 exactly; as a double it is 1.00499…, which Number#toFixed rounds to 1.00.
    expect(((100.5 * 1) / 100).toFixed(2)).toBe('1.00');
    expect(calcular('100.50', campana({ porcentajeComision: '1' }), afiliado({ comisionBase: '0' })).monto).toBe('1.01');
    // 0.1 + 0.2-style sums stay exact; large amounts keep every cent
    expect(calcular('0.30', campana({ porcentajeComision: '50' }), afiliado({ comisionBase: '0' })).monto).toBe('0.15');
    expect(calcular('12345678901.23', campana({ porcentajeComision: '33.33' }), afiliado({ comisionBase: '0' })).monto).toBe('4114814777.78');
  });

  it('rounds the base amount half up, and refuses a percentage with more than two decimals (one Porcentaje rule)', () => {
    expect(calcular('10.005', campana({ porcentajeComision: '7.55' }), afiliado({ comisionBase: '0' }))).toEqual({
      estado: 'CALCULADA',
      montoBase: '10.01',
      porcentaje: '7.55',
      monto: '0.76',
    });
    expect(() => calcularComision('10', campana({ porcentajeComision: '7.555' }), afiliado())).toThrow(/at most 2 decimals/);
  });

  it('accepts 0 % and 100 %, and refuses a percentage outside 0..100', () => {
    expect(calcular('99.99', campana({ porcentajeComision: '0' }), afiliado({ comisionBase: '0' })).monto).toBe('0.00');
    expect(calcular('99.99', campana({ porcentajeComision: '100' }), afiliado({ comisionBase: '0' })).monto).toBe('99.99');
    expect(() => calcularComision('1', campana({ porcentajeComision: '100.01' }), afiliado())).toThrow(RangeError);
    expect(() => calcularComision('1', campana(), afiliado({ comisionBase: '-1' }))).toThrow(RangeError);
  });
});

describe('calcularComision: RECHAZADA with a motivo', () => {
  it.each(['DRAFT', 'PAUSED', 'COMPLETED'] as const)('when the campaign is %s (not ACTIVE)', (estado) => {
    expect(calcular('200', campana({ estado }), afiliado())).toEqual({
      estado: 'RECHAZADA',
      montoBase: '200.00',
      porcentaje: '10.00',
      monto: '20.00',
      motivo: `La campaña no está activa (estado ${estado})`,
    });
  });

  it('when the affiliate is not assigned to the campaign', () => {
    expect(calcular('200', campana({ afiliadoIds: new Set() }), afiliado())).toMatchObject({
      estado: 'RECHAZADA',
      motivo: 'El afiliado no está asignado a la campaña',
      monto: '20.00',
    });
  });

  it('when the affiliate is SUSPENDIDO (the amount is still recorded)', () => {
    expect(calcular('200', campana(), afiliado({ estado: 'SUSPENDIDO', comisionBase: '15' }))).toEqual({
      estado: 'RECHAZADA',
      montoBase: '200.00',
      porcentaje: '15.00',
      monto: '30.00',
      motivo: 'El afiliado está suspendido',
    });
  });

  it('when marketing does not know the affiliate: the campaign percentage applies', () => {
    expect(calcular('200', campana(), null)).toEqual({
      estado: 'RECHAZADA',
      montoBase: '200.00',
      porcentaje: '10.00',
      monto: '20.00',
      motivo: 'El afiliado no es conocido por marketing',
    });
  });

  it('names the first broken rule: campaign state, then knowledge of the affiliate, then assignment, then suspension', () => {
    const suspendidoSinAsignar = afiliado({ estado: 'SUSPENDIDO' });
    expect(calcular('1', campana({ estado: 'PAUSED', afiliadoIds: new Set() }), suspendidoSinAsignar)).toMatchObject({
      motivo: 'La campaña no está activa (estado PAUSED)',
    });
    expect(calcular('1', campana({ estado: 'DRAFT' }), null)).toMatchObject({ motivo: 'La campaña no está activa (estado DRAFT)' });
    expect(calcular('1', campana({ afiliadoIds: new Set() }), suspendidoSinAsignar)).toMatchObject({ motivo: 'El afiliado no está asignado a la campaña' });
  });
});
