import { Porcentaje, type PayloadOf } from '@alpes/contracts';
import { badUserInput, parseField, parseId } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import { nombreDeAfiliado, telefonoDeAfiliado } from '../domain/afiliado.js';
import { Email } from '../domain/email.js';
import type { ActualizarAfiliadoInput, MutationResolvers } from '../resolver-types.generated.js';

type Cambios = PayloadOf<'ActualizarAfiliado'>['cambios'];

/** The fields given, each validated. null leaves a field as it is, except telefono, where null clears it. */
function cambiosPedidos(input: ActualizarAfiliadoInput): Cambios {
  const cambios: Cambios = {};
  if (input.nombre != null) cambios.nombre = parseField('input.nombre', () => nombreDeAfiliado(input.nombre!));
  if (input.email != null) cambios.email = parseField('input.email', () => Email.of(input.email!).toString());
  if (input.telefono !== undefined) cambios.telefono = parseField('input.telefono', () => telefonoDeAfiliado(input.telefono));
  if (input.tipoAfiliacion != null) cambios.tipoAfiliacion = input.tipoAfiliacion;
  if (input.comisionBase != null) cambios.comisionBase = parseField('input.comisionBase', () => Porcentaje.of(input.comisionBase!).toString());
  if (input.estado != null) cambios.estado = input.estado;
  return cambios;
}

/** actualizarAfiliado: validates the fields given (at least one), then queues ActualizarAfiliado. */
export const actualizarAfiliado = ((_, args, { bus, identity }) => {
  const afiliadoId = parseId(args.id, 'id');
  const cambios = cambiosPedidos(args.input);
  if (Object.keys(cambios).length === 0) throw badUserInput('input must give at least one field to change', 'input');
  return sendCommand(bus, 'ActualizarAfiliado', afiliadoId, { afiliadoId, cambios }, identity);
}) satisfies MutationResolvers['actualizarAfiliado'];
