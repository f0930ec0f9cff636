import { parseId } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import type { MarketingContext } from '../../read/context.js';

/** asignarAfiliado: queue the assignment of an affiliate to a campaign. */
export function asignarAfiliado(_: unknown, args: { campanaId: string; afiliadoId: string }, { bus, identity }: MarketingContext) {
  const campanaId = parseId(args.campanaId, 'campanaId');
  const afiliadoId = parseId(args.afiliadoId, 'afiliadoId');
  return sendCommand(bus, 'AsignarAfiliado', campanaId, { campanaId, afiliadoId }, identity);
}
