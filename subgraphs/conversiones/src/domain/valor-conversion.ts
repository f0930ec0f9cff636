import { Decimal } from 'decimal.js';

/** Largest value the column holds (14 digits, 2 of them decimals). */
const MAXIMO = new Decimal('999999999999.99');

/** What a conversion is worth (value object): more than zero, at most two decimals. */
export class ValorConversion {
  private constructor(readonly value: Decimal) {}

  static of(value: Decimal.Value): ValorConversion {
    const decimal = new Decimal(value);
    if (!decimal.isFinite() || decimal.lessThanOrEqualTo(0)) throw new RangeError(`a conversion's value must be greater than 0, got ${decimal.toString()}`);
    if (decimal.decimalPlaces() > 2) throw new RangeError(`a conversion's value has at most 2 decimals, got ${decimal.toString()}`);
    if (decimal.greaterThan(MAXIMO)) throw new RangeError(`a conversion's value is at most ${MAXIMO.toFixed(2)}, got ${decimal.toString()}`);
    return new ValorConversion(decimal);
  }

  toString(): string {
    return this.value.toFixed(2);
  }
}
