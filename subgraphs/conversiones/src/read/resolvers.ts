import type { GraphQLResolveInfo } from 'graphql';
import {
  entityStub,
  parseDateRange,
  referenceId,
  parseId,
  parseOptionalId,
  parsePage,
  scalarResolvers,
  selectsSubfield,
  toConnection,
  type PageArgs,
} from '@alpes/platform';
import { rowScope, rowVisible, SCOPES, withinRowScope, type Identity } from '@alpes/security';
import type { ConversionParent } from '../infrastructure/conversiones-per-parent.js';
import type { ConversionesContext } from './context.js';
import { listConversiones } from './conversiones-listing.js';
import { metricasConversiones, sinMetricas } from './metricas-conversiones.js';
import type { Resolvers } from '../resolver-types.generated.js';

/** Conversions this identity may see: all with conversiones:read, only its own for an affiliate user. */
const visibles = (identity: Identity) => rowScope(identity, SCOPES.conversionesRead);

/** A parent's page; its count only if the operation selects totalCount (the count reads every row of the parent). */
async function conversionesOf(parent: ConversionParent, id: string, args: PageArgs, { loaders, identity }: ConversionesContext, info: GraphQLResolveInfo) {
  const page = parsePage(args);
  const scope = visibles(identity);
  if (scope.kind === 'none' || (parent === 'afiliado' && !rowVisible(scope, id))) return toConnection([], page, () => 0);
  const onlyAfiliadoId = scope.kind === 'afiliado' ? scope.afiliadoId : undefined;
  const { rows, totalCount } = await loaders.pageOf(parent, id, page, onlyAfiliadoId, selectsSubfield(info, 'totalCount'));
  return toConnection(rows, page, async () => totalCount ?? (await loaders.pageOf(parent, id, page, onlyAfiliadoId, true)).totalCount!);
}

async function visibleConversion(id: string, { loaders, identity }: ConversionesContext) {
  const conversion = await loaders.byId(id);
  return conversion && rowVisible(visibles(identity), conversion.afiliadoId) ? conversion : null; // another's: as if it did not exist
}

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    conversion: (_, args, context) => visibleConversion(parseId(args.id, 'id'), context),
    conversiones: (_, args, { reads, identity }) => {
      const page = parsePage(args);
      const filtro = withinRowScope(
        {
          afiliadoId: parseOptionalId(args.afiliadoId, 'afiliadoId'),
          campanaId: parseOptionalId(args.campanaId, 'campanaId'),
          ...parseDateRange(args.desde, args.hasta),
        },
        visibles(identity),
      );
      return filtro ? listConversiones({ reads }, page, filtro) : toConnection([], page, () => 0);
    },
    metricasConversiones: (_, args, { prisma, identity }) => {
      const filtro = withinRowScope(
        { afiliadoId: parseOptionalId(args.afiliadoId, 'afiliadoId'), ...parseDateRange(args.desde, args.hasta) },
        visibles(identity),
      );
      return filtro ? metricasConversiones(prisma, filtro) : sinMetricas();
    },
  },
  Conversion: {
    __resolveReference: (reference, context) => {
      const id = referenceId(reference);
      return id ? visibleConversion(id, context) : null;
    },
    afiliado: (conversion) => ({ __typename: 'Afiliado', id: conversion.afiliadoId }),
    // nombre is provided (@provides): the gateway takes it from here instead of fetching the campaign from marketing
    campana: (conversion) => ({ __typename: 'Campana', id: conversion.campanaId, nombre: conversion.campanaNombre }),
  },
  Afiliado: {
    __resolveReference: entityStub,
    conversiones: (afiliado, args, context, info) => conversionesOf('afiliado', afiliado.id, args, context, info),
  },
  Campana: {
    __resolveReference: entityStub,
    nombre: (campana) => {
      if (campana.nombre == null) throw new Error(`conversiones has no projected name for campaign ${campana.id}: its CampanaCreada was never applied here`);
      return campana.nombre;
    },
    conversiones: (campana, args, context, info) => conversionesOf('campana', campana.id, args, context, info),
  },
} satisfies Resolvers;
