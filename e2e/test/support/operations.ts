import { readFileSync } from 'node:fs';
import { parse, print, type OperationDefinitionNode } from 'graphql';

/** The client operations of e2e/operations/*.graphql, by name, as the text a client sends. */
export function loadOperations(file: string): Record<string, string> {
  const document = parse(readFileSync(new URL(`../../operations/${file}`, import.meta.url), 'utf8'));
  return Object.fromEntries(
    document.definitions
      .filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')
      .map((operation) => [operation.name!.value, print(operation)]),
  );
}
