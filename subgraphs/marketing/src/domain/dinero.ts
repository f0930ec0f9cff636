import { Decimal } from 'decimal.js';

/** A non-negative amount of money with two decimals (value object). */
export class Dinero {
  private constructor(readonly value: Decimal) {}

  static of(value: Decimal.Value): Dinero {
    const decimal = new Decimal(value);
    if (!decimal.isFinite() || decimal.isNegative()) throw new RangeError(`an amount must not be negative, got ${decimal.toString()}`);
    if (decimal.decimalPlaces() > 2) throw new RangeError(`an amount has at most 2 decimals, got ${decimal.toString()}`);
    return new Dinero(decimal);
  }

  toString(): string {
    return this.value.toFixed(2);
  }
}
