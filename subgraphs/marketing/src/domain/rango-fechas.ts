/** A campaign's period: inclusive dates, the end not before the start (value object). */
export class RangoFechas {
  private constructor(
    readonly inicio: Date,
    readonly fin: Date,
  ) {}

  static of(inicio: Date, fin: Date): RangoFechas {
    if (Number.isNaN(inicio.getTime()) || Number.isNaN(fin.getTime())) throw new RangeError('dates must be valid');
    if (fin.getTime() < inicio.getTime()) {
      throw new RangeError(`fechaFin (${toIsoDate(fin)}) is before fechaInicio (${toIsoDate(inicio)})`);
    }
    return new RangoFechas(inicio, fin);
  }
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
