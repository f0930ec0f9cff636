import { entityStub, parseId, referenceId, parseOptionalId, parsePage, scalarResolvers, selectsSubfield, toConnection, type PageArgs } from '@alpes/platform';
import { rowVisible, withinRowScope } from '@alpes/security';
import type { Resolvers } from '../resolver-types.generated.js';
import type { MarketingContext } from './context.js';
import { ESTADOS_PENDIENTES, listCampanas, listComisiones, type FiltroComisiones } from './marketing-listings.js';
import { campanaIdsVisibles, campanaVisible, comisionVisible } from './visibilidad.js';

const reference = <Typename extends string>(__typename: Typename, id: string) => ({ __typename, id });

/** A list of commissions within what the identity sees (an empty page when nothing can match). */
function comisionesVisibles(args: PageArgs, filtro: FiltroComisiones, context: MarketingContext) {
  const page = parsePage(args);
  const visible = withinRowScope(filtro, context.visibles.comisiones);
  return visible ? listComisiones(context, page, visible) : toConnection([], page, () => 0);
}

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    campana: async (_, args, context) => campanaVisible(await context.loaders.campana(parseId(args.id, 'id')), context),
    campanas: async (_, args, context) => listCampanas(context, parsePage(args), args.estado ?? undefined, await campanaIdsVisibles(context)),
    comision: async (_, args, context) => comisionVisible(await context.loaders.comision(parseId(args.id, 'id')), context),
    comisiones: (_, args, context) =>
      comisionesVisibles(
        args,
        {
          ...(args.estado ? { estados: [args.estado] } : {}),
          afiliadoId: parseOptionalId(args.afiliadoId, 'afiliadoId'),
          campanaId: parseOptionalId(args.campanaId, 'campanaId'),
        },
        context,
      ),
    comisionesPendientes: (_, args, context) => comisionesVisibles(args, { estados: ESTADOS_PENDIENTES }, context),
  },
  Campana: {
    __resolveReference: async (ref, context) => {
      const id = referenceId(ref);
      return id ? campanaVisible(await context.loaders.campana(id), context) : null;
    },
    afiliados: async (campana, _, { loaders }) => (await loaders.afiliadoIdsOfCampana(campana.id)).map((id) => reference('Afiliado', id)),
    historial: (campana, _, { loaders }) => loaders.historialDeCampana(campana.id),
  },
  Comision: {
    __resolveReference: async (ref, context) => {
      const id = referenceId(ref);
      return id ? comisionVisible(await context.loaders.comision(id), context) : null;
    },
    conversion: (comision) => reference('Conversion', comision.conversionId),
    afiliado: (comision) => reference('Afiliado', comision.afiliadoId),
    // Campana! in the SDL: the foreign key guarantees the campaign, so a missing one is a fault, not a null
    campana: async (comision, _, { loaders }) => {
      const campana = await loaders.campana(comision.campanaId);
      if (!campana) throw new Error(`Comision ${comision.id} names campaign ${comision.campanaId}, which does not exist`);
      return campana;
    },
    historial: (comision, _, { loaders }) => loaders.historialDeComision(comision.id),
  },
  Afiliado: {
    __resolveReference: entityStub,
    comisiones: async (afiliado, args, { loaders, visibles }, info) => {
      const page = parsePage(args);
      if (!rowVisible(visibles.comisiones, afiliado.id)) return toConnection([], page, () => 0);
      const estado = args.estado ?? undefined;
      // the count only if the operation selects totalCount (it reads every row of the affiliate)
      const { rows, totalCount } = await loaders.comisionesPageOf(afiliado.id, page, estado, selectsSubfield(info, 'totalCount'));
      return toConnection(rows, page, async () => totalCount ?? (await loaders.comisionesPageOf(afiliado.id, page, estado, true)).totalCount!);
    },
    campanas: (afiliado, _, { loaders, visibles }) => (rowVisible(visibles.campanas, afiliado.id) ? loaders.campanasOfAfiliado(afiliado.id) : []),
  },
  Conversion: {
    __resolveReference: entityStub,
    comision: async (conversion, _, context) => comisionVisible(await context.loaders.comisionOfConversion(conversion.id), context),
  },
} satisfies Resolvers;
