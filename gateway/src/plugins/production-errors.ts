import { GraphQLError, type validate } from 'graphql';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A message without graphql-js's schema hints ("Did you mean "afiliados"?"), which leak field and type names. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '').trim();
}

/** graphql-js's validate, whose errors carry no schema suggestions (graphql-ws under NODE_ENV=production). */
export function withoutSchemaSuggestions(validateDocument: typeof validate): typeof validate {
  return (...args) =>
    validateDocument(...args).map((error) =>
      SUGGESTION.test(error.message)
        ? new GraphQLError(withoutSuggestions(error.message), {
            nodes: error.nodes ?? null,
            source: error.source ?? null,
            positions: error.positions ?? null,
            path: error.path ?? null,
            extensions: error.extensions,
          })
        : error,
    );
}
