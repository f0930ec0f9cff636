import { newId, parseField } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import { nombreDeAfiliado, telefonoDeAfiliado } from '../domain/afiliado.js';
import { Email } from '../domain/email.js';
import { Porcentaje } from '@alpes/contracts';
import type { MutationResolvers } from '../resolver-types.generated.js';

/** registrarAfiliado: validates every field, then queues RegistrarAfiliado. Invalid input is never queued. */
export const registrarAfiliado = ((_, { input }, { bus, identity }) => {
  const nombre = parseField('input.nombre', () => nombreDeAfiliado(input.nombre));
  const email = parseField('input.email', () => Email.of(input.email));
  const telefono = parseField('input.telefono', () => telefonoDeAfiliado(input.telefono));
  const comisionBase = parseField('input.comisionBase', () => Porcentaje.of(input.comisionBase));
  const afiliadoId = newId();
  return sendCommand(
    bus,
    'RegistrarAfiliado',
    afiliadoId,
    {
      afiliadoId,
      nombre,
      email: email.toString(),
      telefono,
      tipoAfiliacion: input.tipoAfiliacion,
      comisionBase: comisionBase.toString(),
    },
    identity,
  );
}) satisfies MutationResolvers['registrarAfiliado'];
