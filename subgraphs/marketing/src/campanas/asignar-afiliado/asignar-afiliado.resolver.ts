import { parseId } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import type { MutationResolvers } from '../../resolver-types.generated.js';

/** asignarAfiliado: queue the assignment of an affiliate to a campaign. */
export const asignarAfiliado = ((_, args, { bus, identity }) => {
  const campanaId = parseId(args.campanaId, 'campanaId');
  const afiliadoId = parseId(args.afiliadoId, 'afiliadoId');
  return sendCommand(bus, 'AsignarAfiliado', campanaId, { campanaId, afiliadoId }, identity);
}) satisfies MutationResolvers['asignarAfiliado'];
