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
