import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleCommittedFile } from './check-kit/committed-file.js';

export const SUPERGRAPH_FILE = 'supergraph.graphql';
export const API_SCHEMA_FILE = 'api-schema.graphql';
export const WRITE_COMMAND = 'npm run schema:write';

export interface SchemaArtifacts {
  supergraphSdl: string;
  apiSchemaSdl: string;
}

/** Stale or missing committed artifacts, one message each (empty when all are up to date). */
export function findStaleArtifacts(artifactsDir: string, expected: Partial<SchemaArtifacts>, rootDir: string): string[] {
  const expectations: [string, string | undefined][] = [
    [SUPERGRAPH_FILE, expected.supergraphSdl],
    [API_SCHEMA_FILE, expected.apiSchemaSdl],
  ];
  const stale: string[] = [];
  for (const [name, text] of expectations) {
    if (text === undefined) continue;
    const problem = staleCommittedFile({ rootDir, file: join(artifactsDir, name), expected: text, writeCommand: WRITE_COMMAND, producer: 'composition' });
    if (problem) stale.push(problem);
  }
  return stale;
}

export function writeArtifacts(artifactsDir: string, artifacts: SchemaArtifacts): string[] {
  mkdirSync(artifactsDir, { recursive: true });
  const files = [join(artifactsDir, SUPERGRAPH_FILE), join(artifactsDir, API_SCHEMA_FILE)];
  writeFileSync(files[0]!, artifacts.supergraphSdl);
  writeFileSync(files[1]!, artifacts.apiSchemaSdl);
  return files;
}
