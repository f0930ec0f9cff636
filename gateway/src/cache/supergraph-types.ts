import { Kind, parse, type DefinitionNode, type DirectiveNode } from 'graphql';

const argument = (directive: DirectiveNode, name: string) => directive.arguments?.find((node) => node.name.value === name)?.value;

/**
 * The types each subgraph knows, by subgraph name, from the supergraph's join directives: `enum join__Graph { X
 * @join__graph(name: "x") }` names the graphs and `@join__type(graph: X)` says which graphs define a type. A root
 * fetch of subgraph `x` is invalidated by an event about any of them.
 */
export function typesBySubgraph(supergraphSdl: string): Map<string, Set<string>> {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((node) => node.name.value === 'join__graph');
      const name = directive && argument(directive, 'name');
      if (name?.kind === Kind.STRING) graphNames.set(value.name.value, name.value);
    }
  }
  const types = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    const typename = typeNameOf(definition);
    if (!typename || !('directives' in definition)) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const graph = argument(directive, 'graph');
      const subgraph = graph?.kind === Kind.ENUM ? graphNames.get(graph.value) : undefined;
      if (!subgraph) continue;
      let known = types.get(subgraph);
      if (!known) types.set(subgraph, (known = new Set()));
      known.add(typename);
    }
  }
  return types;
}

function typeNameOf(definition: DefinitionNode): string | undefined {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
    case Kind.UNION_TYPE_DEFINITION:
      return definition.name.value;
    default:
      return undefined;
  }
}
