import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** Root fields of a mutation that queue a command (meta fields such as __typename do not), fragments expanded. */
function commandFields(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, SelectionSetNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value.startsWith('__') ? [] : [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return commandFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return commandFields(fragment, fragments, seen);
  });
}

/**
 * Every mutation field queues one command and answers a non-null ComandoAceptado. With two of them in one request, a
 * second one refused (BAD_USER_INPUT) nulls the whole `data` after the first one's command was queued: the client
 * would be told "refused" and lose the correlationId of a command that runs. So a mutation request carries at most
 * `maxCommands` command fields (default 1), refused before anything is planned or queued: send each command in its
 * own request (they may go concurrently), and each gets its own answer.
 */
export function limitCommandsPerMutation<Context extends object>(maxCommands: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document }) {
          if (operation?.operation !== 'mutation') return;
          const fragments = new Map(
            document.definitions.flatMap((definition) =>
              definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition.selectionSet] as const] : [],
            ),
          );
          const fields = commandFields((operation as OperationDefinitionNode).selectionSet, fragments);
          if (fields.length <= maxCommands) return;
          throw new GraphQLError(
            `A mutation request queues at most ${maxCommands} command(s); this one selects ${fields.length} (${fields.join(', ')}). Send each command in its own request, so each gets its own answer.`,
            { extensions: { code: 'MAX_ROOT_FIELDS_LIMIT', rootFields: fields.length, maxRootFields: maxCommands, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
