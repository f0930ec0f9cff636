import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CampanaSnapshot, snapshotFromRow } from '../src/index.js';

const row = {
  id: '0190c3d2-7b1a-7c3e-9a41-1f2e3d4c5b6a',
  nombre: 'Navidad',
  descripcion: 'not in the snapshot',
  estado: 'ACTIVE',
  tipo: 'DIGITAL',
  fechaInicio: new Date('2026-12-01T00:00:00Z'),
  fechaFin: new Date('2026-12-31T00:00:00Z'),
  presupuesto: new Decimal('1500.5'),
  porcentajeComision: new Decimal('7.25'),
  afiliadoIds: [],
};

describe('snapshotFromRow', () => {
  it("takes the snapshot's fields from the row: decimals with 2 places, date fields as YYYY-MM-DD, nothing else", () => {
    expect(snapshotFromRow(CampanaSnapshot, row)).toStrictEqual({
      id: row.id,
      nombre: 'Navidad',
      estado: 'ACTIVE',
      tipo: 'DIGITAL',
      fechaInicio: '2026-12-01',
      fechaFin: '2026-12-31',
      presupuesto: '1500.50',
      porcentajeComision: '7.25',
      afiliadoIds: [],
    });
  });

  it('fails loudly when the row lacks a field the snapshot needs (typecheck, and the parse at run time)', () => {
    const { nombre: _nombre, ...sinNombre } = row;
    // @ts-expect-error nombre is missing
    expect(() => snapshotFromRow(CampanaSnapshot, sinNombre)).toThrow(/nombre/);
  });
});
