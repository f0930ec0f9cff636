import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { DecimalScalar, parseCurrency, parseDateRange } from '../src/index.js';

describe('Decimal scalar', () => {
  it('serialises money as a two-decimal string, never a float', () => {
    expect(DecimalScalar.serialize(new Decimal('120.5'))).toBe('120.50');
    expect(DecimalScalar.serialize('0.1')).toBe('0.10');
    // a stored value that is no decimal: an internal error, not the client's BAD_USER_INPUT
    expect(() => DecimalScalar.serialize('abc')).toThrow(new TypeError('Decimal cannot represent "abc"'));
  });

  it('parses strings exactly and refuses garbage', () => {
    expect(DecimalScalar.parseValue('0.10')!.plus('0.20').toString()).toBe('0.3');
    expect(() => DecimalScalar.parseValue('12,5')).toThrowError(/Decimal must be a string like "120.50"/);
  });
});

describe('input validation', () => {
  it('accepts ISO 4217 codes and names the field on a bad one', () => {
    expect(parseCurrency('cop', 'moneda')).toBe('COP');
    expect(() => parseCurrency('XXY', 'moneda')).toThrowError(/moneda must be an ISO 4217 currency code/);
  });

  it('refuses hasta before desde', () => {
    expect(() => parseDateRange(new Date('2026-02-01'), new Date('2026-01-01'))).toThrowError(/hasta .* is before desde/);
    expect(parseDateRange(new Date('2026-01-01'), undefined)).toEqual({ desde: new Date('2026-01-01') });
  });
});
