import { Decimal } from 'decimal.js';

/** A percentage between 0 and 100 with two decimals (value object). */
export class Porcentaje {
  private constructor(readonly value: Decimal) {}

  static of(value: Decimal.Value): Porcentaje {
    const decimal = new Decimal(value);
    if (!decimal.isFinite() || decimal.lessThan(0) || decimal.greaterThan(100)) {
      throw new RangeError(`a percentage must be between 0 and 100, got ${decimal.toString()}`);
    }
    return new Porcentaje(decimal.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  }

  max(other: Porcentaje): Porcentaje {
    return this.value.greaterThanOrEqualTo(other.value) ? this : other;
  }

  toString(): string {
    return this.value.toFixed(2);
  }
}
