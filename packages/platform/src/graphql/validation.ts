import { badUserInput } from './errors.js';

const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217 currency code, e.g. "COP", "USD". */
export function parseCurrency(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !ISO_4217.has(code)) {
    throw badUserInput(`${field} must be an ISO 4217 currency code such as "USD" or "COP", got "${value}"`, field);
  }
  return code;
}

export interface DateRange {
  desde?: Date;
  hasta?: Date;
}

export function parseDateRange(desde: Date | null | undefined, hasta: Date | null | undefined, fields = { desde: 'desde', hasta: 'hasta' }): DateRange {
  if (desde && hasta && hasta.getTime() < desde.getTime()) {
    throw badUserInput(`${fields.hasta} (${hasta.toISOString()}) is before ${fields.desde} (${desde.toISOString()})`, fields.hasta);
  }
  return { ...(desde ? { desde } : {}), ...(hasta ? { hasta } : {}) };
}

/** Runs a value object's constructor; a RangeError (a broken rule) becomes BAD_USER_INPUT naming the field. */
export function parseField<Value>(field: string, parse: () => Value): Value {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw badUserInput(`${field}: ${error.message}`, field);
    throw error;
  }
}

/** A required, trimmed text of bounded length. */
export function parseText(value: string, field: string, maxLength = 200): string {
  const text = value.trim();
  if (text.length === 0) throw badUserInput(`${field} must not be empty`, field);
  if (text.length > maxLength) throw badUserInput(`${field} must be at most ${maxLength} characters, got ${text.length}`, field);
  return text;
}
