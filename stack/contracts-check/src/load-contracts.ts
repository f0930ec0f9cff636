import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { MessageCatalog } from '@alpes/contracts';
import type { z } from 'zod';
import { compareNames } from './names.js';

/** What the AsyncAPI document is built from: the exports of `packages/contracts` (or a copy of it). */
export interface ContractsSource {
  catalog: MessageCatalog;
  envelope: z.ZodType;
  /** Every topic, each a channel even when no message type lists it yet. */
  topics: string[];
  commandTopics: readonly string[];
  eventTopics: readonly string[];
  batchableTopics: readonly string[];
  /**
   * Every zod schema the module exports by name (directly, or in an exported namespace such as `schemas`), under
   * that name with a capital first letter: the shared pieces (snapshots, uuid, decimal, enums) become named
   * components that each payload refers to.
   */
  namedSchemas: [name: string, schema: z.ZodType][];
}

/** Loads the contracts module (a TypeScript file, through tsx or vitest) and checks it exports what is needed. */
export async function loadContracts(modulePath: string): Promise<ContractsSource> {
  if (!existsSync(modulePath)) throw new Error(`The contracts module ${modulePath} does not exist`);
  const exports = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  const missing = ['MESSAGE_CATALOG', 'EnvelopeSchema', 'TOPICS'].filter((name) => exports[name] === undefined);
  if (missing.length > 0) throw new Error(`The contracts module ${modulePath} does not export ${missing.join(', ')}`);
  if (!isZodSchema(exports.EnvelopeSchema)) throw new Error(`EnvelopeSchema in ${modulePath} is not a zod schema`);
  return {
    catalog: exports.MESSAGE_CATALOG as MessageCatalog,
    envelope: exports.EnvelopeSchema,
    topics: Object.values(exports.TOPICS as Record<string, string>),
    commandTopics: stringList(exports.COMMAND_TOPICS),
    eventTopics: stringList(exports.EVENT_TOPICS),
    batchableTopics: stringList(exports.BATCHABLE_TOPICS),
    namedSchemas: namedSchemasOf(exports),
  };
}

function namedSchemasOf(exports: Record<string, unknown>): [string, z.ZodType][] {
  const named: [string, z.ZodType][] = [];
  for (const [name, value] of Object.entries(exports)) {
    if (name === 'EnvelopeSchema') continue;
    if (isZodSchema(value)) named.push([componentName(name), value]);
    else if (isNamespace(value)) {
      for (const [member, schema] of Object.entries(value)) if (isZodSchema(schema)) named.push([componentName(member), schema]);
    }
  }
  return named.sort(([a], [b]) => compareNames(a, b));
}

export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** A module namespace re-exported with `export * as` (null prototype under Node, tagged `Module` under vitest). */
function isNamespace(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.getPrototypeOf(value) === null || (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module';
}

function componentName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function stringList(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
