import type { Decimal } from 'decimal.js';
import { newId, parseField } from '@alpes/platform';
import { sendCommand } from '@alpes/transactional-messaging';
import { nombreDeAfiliado, telefonoDeAfiliado, type TipoAfiliacion } from '../domain/afiliado.js';
import { Email } from '../domain/email.js';
import { Porcentaje } from '@alpes/contracts';
import type { AfiliadosContext } from '../read/context.js';

export interface RegistrarAfiliadoInput {
  nombre: string;
  email: string;
  telefono?: string | null;
  tipoAfiliacion: TipoAfiliacion;
  comisionBase: Decimal;
}

/** registrarAfiliado: validates every field, then queues RegistrarAfiliado. Invalid input is never queued. */
export function registrarAfiliado(_: unknown, { input }: { input: RegistrarAfiliadoInput }, { bus, identity }: AfiliadosContext) {
  const nombre = parseField('input.nombre', () => nombreDeAfiliado(input.nombre));
  const email = parseField('input.email', () => Email.of(input.email));
  const telefono = parseField('input.telefono', () => telefonoDeAfiliado(input.telefono));
  const comisionBase = parseField('input.comisionBase', () => Porcentaje.of(input.comisionBase));
  const afiliadoId = newId();
  return sendCommand(bus, 'RegistrarAfiliado', afiliadoId, {
    afiliadoId,
    nombre,
    email: email.toString(),
    telefono,
    tipoAfiliacion: input.tipoAfiliacion,
    comisionBase: comisionBase.toString(),
  }, identity);
}
