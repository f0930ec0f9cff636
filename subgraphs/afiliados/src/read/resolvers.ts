import { parseId, referenceId, parsePage, scalarResolvers } from '@alpes/platform';
import { rowScope, rowVisible, SCOPES, type Identity } from '@alpes/security';
import type { Resolvers } from '../resolver-types.generated.js';
import { listAfiliados } from './afiliados-listing.js';

/** Affiliates this identity may see: all with afiliados:read, only itself for an affiliate user. */
const visibles = (identity: Identity) => rowScope(identity, SCOPES.afiliadosRead);

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    afiliado: (_, args, { loaders, identity }) => {
      const id = parseId(args.id, 'id');
      return rowVisible(visibles(identity), id) ? loaders.afiliadoById.load(id) : null; // another's id: as if it did not exist
    },
    afiliados: (_, args, context) => listAfiliados(context, parsePage(args), args.filtro, visibles(context.identity)),
  },
  Afiliado: {
    __resolveReference: (reference, { loaders, identity }) => {
      const id = referenceId(reference);
      return id && rowVisible(visibles(identity), id) ? loaders.afiliadoById.load(id) : null;
    },
  },
} satisfies Resolvers;
