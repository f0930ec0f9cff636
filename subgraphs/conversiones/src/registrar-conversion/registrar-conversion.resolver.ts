import { newId, parseCurrency, parseField, parseId } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import { MetadataConversion } from '../domain/metadata-conversion.js';
import { ValorConversion } from '../domain/valor-conversion.js';
import type { MutationResolvers } from '../resolver-types.generated.js';

/** registrarConversion: validates every field, then queues RegistrarConversion. Invalid input is never queued. */
export const registrarConversion = ((_, { input }, { bus, identity }) => {
  const afiliadoId = parseId(input.afiliadoId, 'input.afiliadoId');
  const campanaId = parseId(input.campanaId, 'input.campanaId');
  const valor = parseField('input.valor', () => ValorConversion.of(input.valor));
  const moneda = parseCurrency(input.moneda, 'input.moneda');
  const metadata = parseField('input.metadata', () => MetadataConversion.of(input.metadata));
  const conversionId = newId();
  return sendCommand(
    bus,
    'RegistrarConversion',
    conversionId,
    {
      conversionId,
      afiliadoId,
      campanaId,
      valor: valor.toString(),
      moneda,
      tipo: input.tipo,
      metadata: metadata.value,
    },
    identity,
  );
}) satisfies MutationResolvers['registrarConversion'];
