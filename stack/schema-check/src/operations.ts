import { readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  specifiedRules,
  validate,
  type DefinitionNode,
  type DocumentNode,
  type ExecutableDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { displayPath, messageOf } from './util.js';

export interface OperationError {
  /** Path relative to the repository root. */
  file: string;
  /** e.g. `query AfiliadosConResumen`, `fragment CampanaBasica`, or `(document)` when not inside one. */
  operation: string;
  /** graphql's message, naming the field or argument, with `line:column`. */
  message: string;
}

export interface OperationsResult {
  files: string[];
  operationCount: number;
  /** Files without any operation or fragment (schema SDL), left out. */
  skipped: string[];
  errors: OperationError[];
}

export interface ValidateOptions {
  rootDir: string;
  /** When set, subscriptions cannot be validated: each one is reported with this reason. */
  subscriptionsUnavailable?: string;
}

/** Validates every client operation file against the schema with graphql's specified rules. */
export function validateOperationFiles(files: string[], schema: GraphQLSchema, options: ValidateOptions): OperationsResult {
  const result: OperationsResult = { files: [], operationCount: 0, skipped: [], errors: [] };
  for (const path of files) {
    const file = displayPath(options.rootDir, path);
    let document: DocumentNode;
    try {
      document = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      result.files.push(file);
      result.errors.push({ file, operation: '(document)', message: messageOf(error) });
      continue;
    }
    if (!document.definitions.some(isExecutable)) {
      result.skipped.push(file);
      continue;
    }
    result.files.push(file);
    result.operationCount += document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
    result.errors.push(...validateDocument(file, document, schema, options.subscriptionsUnavailable));
  }
  return result;
}

function validateDocument(file: string, document: DocumentNode, schema: GraphQLSchema, subscriptionsUnavailable?: string): OperationError[] {
  const errors: OperationError[] = [];
  let checked = document;
  if (subscriptionsUnavailable) {
    const isSubscription = (definition: DefinitionNode): boolean => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription';
    for (const definition of document.definitions.filter(isSubscription)) {
      errors.push({ file, operation: nameOf(definition as ExecutableDefinitionNode), message: `cannot be validated: ${subscriptionsUnavailable}` });
    }
    checked = { ...document, definitions: document.definitions.filter((definition) => !isSubscription(definition)) };
  }
  for (const error of validate(schema, checked, specifiedRules)) {
    errors.push({ file, operation: operationOf(error, checked), message: withLocation(error) });
  }
  return errors;
}

function isExecutable(definition: DefinitionNode): definition is ExecutableDefinitionNode {
  return definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION;
}

function nameOf(definition: ExecutableDefinitionNode): string {
  if (definition.kind === Kind.FRAGMENT_DEFINITION) return `fragment ${definition.name.value}`;
  return definition.name ? `${definition.operation} ${definition.name.value}` : `(anonymous ${definition.operation})`;
}

/** The operation or fragment whose source range holds the error's first node. */
function operationOf(error: GraphQLError, document: DocumentNode): string {
  const start = error.nodes?.[0]?.loc?.start;
  if (start === undefined) return '(document)';
  const owner = document.definitions
    .filter(isExecutable)
    .find((definition) => definition.loc !== undefined && definition.loc.start <= start && start < definition.loc.end);
  return owner ? nameOf(owner) : '(document)';
}

function withLocation(error: GraphQLError): string {
  const location = error.locations?.[0];
  return location ? `${error.message} (${location.line}:${location.column})` : error.message;
}
