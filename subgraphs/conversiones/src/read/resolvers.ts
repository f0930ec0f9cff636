import {
  entityStub,
  parseDateRange,
  referenceId,
  parseId,
  parseOptionalId,
  parsePage,
  scalarResolvers,
  toConnection,
  type GraphQLResolverMap,
  type PageArgs,
} from '@alpes/platform';
import type { Conversion } from '../generated/prisma/client.js';
import type { ConversionParent } from '../infrastructure/conversiones-per-parent.js';
import type { ConversionesContext } from './context.js';
import { listConversiones } from './conversiones-listing.js';
import { metricasConversiones } from './metricas-conversiones.js';

interface ConversionesArgs extends PageArgs {
  afiliadoId?: string | null;
  campanaId?: string | null;
  desde?: Date | null;
  hasta?: Date | null;
}

async function conversionesOf(parent: ConversionParent, id: string, args: PageArgs, { loaders }: ConversionesContext) {
  const page = parsePage(args);
  const { rows, totalCount } = await loaders.pageOf(parent, id, page);
  return toConnection(rows, page, () => totalCount);
}

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    conversion: (_: unknown, args: { id: string }, { loaders }: ConversionesContext) => loaders.byId(parseId(args.id, 'id')),
    conversiones: (_: unknown, args: ConversionesArgs, { prisma }: ConversionesContext) =>
      listConversiones(prisma, parsePage(args), {
        afiliadoId: parseOptionalId(args.afiliadoId, 'afiliadoId'),
        campanaId: parseOptionalId(args.campanaId, 'campanaId'),
        ...parseDateRange(args.desde, args.hasta),
      }),
    metricasConversiones: (_: unknown, args: Omit<ConversionesArgs, 'campanaId'>, { prisma }: ConversionesContext) =>
      metricasConversiones(prisma, { afiliadoId: parseOptionalId(args.afiliadoId, 'afiliadoId'), ...parseDateRange(args.desde, args.hasta) }),
  },
  Conversion: {
    __resolveReference: (reference: { id: string }, { loaders }: ConversionesContext) => {
      const id = referenceId(reference);
      return id ? loaders.byId(id) : null;
    },
    afiliado: (conversion: Conversion) => ({ __typename: 'Afiliado', id: conversion.afiliadoId }),
    campana: (conversion: Conversion) => ({ __typename: 'Campana', id: conversion.campanaId }),
  },
  Afiliado: {
    __resolveReference: entityStub,
    conversiones: (afiliado: { id: string }, args: PageArgs, context: ConversionesContext) => conversionesOf('afiliado', afiliado.id, args, context),
  },
  Campana: {
    __resolveReference: entityStub,
    conversiones: (campana: { id: string }, args: PageArgs, context: ConversionesContext) => conversionesOf('campana', campana.id, args, context),
  },
} satisfies GraphQLResolverMap<ConversionesContext>;
