import { Decimal } from 'decimal.js';

/** A percentage between 0 and 100 with at most two decimals (value object), e.g. an affiliate's base commission. */
export class Porcentaje {
  private constructor(readonly value: Decimal) {}

  static of(value: Decimal.Value): Porcentaje {
    const decimal = new Decimal(value);
    if (!decimal.isFinite() || decimal.lessThan(0) || decimal.greaterThan(100)) {
      throw new RangeError(`a percentage must be between 0 and 100, got ${decimal.toString()}`);
    }
    if (decimal.decimalPlaces() > 2) throw new RangeError(`a percentage has at most 2 decimals, got ${decimal.toString()}`);
    return new Porcentaje(decimal);
  }

  toString(): string {
    return this.value.toFixed(2);
  }
}
