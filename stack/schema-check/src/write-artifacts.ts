import { buildApiSchema } from './api-schema.js';
import { writeArtifacts } from './artifacts.js';
import { composeSubgraphs, type CompositionSummary } from './compose.js';
import { resolveOptions, type SchemaCheckOptions } from './options.js';
import { displayPath } from './util.js';

export interface WriteArtifactsResult {
  ok: boolean;
  composition: CompositionSummary;
  /** Files written (relative to the root). */
  written: string[];
  errors: string[];
}

/** `npm run schema:write`: composes and rewrites schema/supergraph.graphql and schema/api-schema.graphql. */
export function writeSchemaArtifacts(options: SchemaCheckOptions = {}): WriteArtifactsResult {
  const resolved = resolveOptions(options);
  const composition = composeSubgraphs(resolved.subgraphsDir);
  if (!composition.ok || !composition.supergraphSdl) {
    return { ok: false, composition, written: [], errors: ['Composition failed: nothing written'] };
  }
  const api = buildApiSchema(composition.supergraphSdl, resolved.subscriptionsFile);
  const errors = [...api.errors];
  if (api.subscriptionsMissing)
    errors.push(`The gateway subscription SDL ${displayPath(resolved.rootDir, resolved.subscriptionsFile)} is missing: nothing written`);
  if (errors.length > 0 || api.sdl === undefined) return { ok: false, composition, written: [], errors };
  const files = writeArtifacts(resolved.artifactsDir, { supergraphSdl: composition.supergraphSdl, apiSchemaSdl: api.sdl });
  return { ok: true, composition, written: files.map((file) => displayPath(resolved.rootDir, file)), errors: [] };
}
