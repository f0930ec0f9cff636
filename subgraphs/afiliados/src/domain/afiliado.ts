/** Rules of an affiliate's own fields. Broken rules throw RangeError (the resolvers turn it into BAD_USER_INPUT). */

export const NOMBRE_MAX_LENGTH = 200;

const TELEFONO = /^[0-9 +\-()]{7,20}$/;

export type EstadoAfiliado = 'ACTIVO' | 'SUSPENDIDO';
export type TipoAfiliacion = 'STANDARD' | 'PREMIUM';

/** A trimmed name of 1 to 200 characters. */
export function nombreDeAfiliado(value: string): string {
  const nombre = value.trim();
  if (nombre.length === 0) throw new RangeError('a name must not be empty');
  if (nombre.length > NOMBRE_MAX_LENGTH) throw new RangeError(`a name has at most ${NOMBRE_MAX_LENGTH} characters, got ${nombre.length}`);
  return nombre;
}

/** A phone number: digits, spaces, +, - and parentheses, 7 to 20 characters, with at least one digit. Blank means none. */
export function telefonoDeAfiliado(value: string | null | undefined): string | null {
  const telefono = value?.trim() ?? '';
  if (telefono.length === 0) return null;
  if (!TELEFONO.test(telefono) || !/\d/.test(telefono)) {
    throw new RangeError(`a phone number has 7 to 20 characters among digits, spaces, +, - and parentheses, got "${telefono}"`);
  }
  return telefono;
}

export interface DatosAfiliado {
  nombre: string;
  email: string;
  telefono: string | null;
  tipoAfiliacion: TipoAfiliacion;
  comisionBase: string;
  estado: EstadoAfiliado;
}

/** The requested changes that actually differ from the affiliate's current data (empty: nothing to do). */
export function cambiosEfectivos(actual: DatosAfiliado, cambios: Partial<DatosAfiliado>): Partial<DatosAfiliado> {
  const efectivos: Partial<DatosAfiliado> = {};
  for (const campo of Object.keys(cambios) as (keyof DatosAfiliado)[]) {
    const nuevo = cambios[campo];
    if (nuevo === undefined || nuevo === actual[campo]) continue;
    Object.assign(efectivos, { [campo]: nuevo });
  }
  return efectivos;
}
