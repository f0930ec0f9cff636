import { Decimal } from 'decimal.js';

/**
 * A percentage between 0 and 100 with at most two decimals (value object): an affiliate's comisionBase, a campaign's
 * porcentajeComision, the percentage a commission applies. One rule for every service: the databases store
 * DECIMAL(5, 2), so a third decimal is refused (never rounded away silently), exactly like Dinero refuses one.
 */
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

  /** The higher of the two (a campaign's percentage raised to the affiliate's base). */
  max(other: Porcentaje): Porcentaje {
    return this.value.greaterThanOrEqualTo(other.value) ? this : other;
  }

  /** Two decimals, as the Decimal scalar and the messages carry it ("7.50"). */
  toString(): string {
    return this.value.toFixed(2);
  }
}
