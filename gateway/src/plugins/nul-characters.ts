import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** U+0000: PostgreSQL's text cannot hold it, so no argument of this API can carry it. */
const NUL = '\u0000';

/**
 * Apollo Server keeps each parsed and validated document (its document store), so the same DocumentNode comes back
 * for every request with the same query text: its literals are walked once, not per request.
 */
const literalsChecked = new WeakMap<DocumentNode, boolean>();

function literalWithNul(document: DocumentNode): boolean {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = walkLiterals(document);
    literalsChecked.set(document, found);
  }
  return found;
}

function walkLiterals(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes(NUL)) found = true;
    },
  });
  return found;
}

/** Walks the variables (already bounded in depth and size by the request limits) for a string holding NUL. */
function variablesWithNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes(NUL)) return true;
    } else if (next !== null && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes(NUL)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * Refuses text holding the NUL character before any subgraph sees it: a command carrying it would be accepted,
 * queued, and then fail in the worker's INSERT (PostgreSQL: invalid byte sequence 0x00). Invalid input is never
 * queued, so it is BAD_USER_INPUT here.
 */
export function refuseNulCharacters<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (!variablesWithNul(request.variables) && !literalWithNul(document)) return;
          throw new GraphQLError('Text may not contain the NUL character (U+0000)', {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        },
      };
    },
  };
}
