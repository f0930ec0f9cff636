import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from './util.js';

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
    const file = join(artifactsDir, name);
    const shown = displayPath(rootDir, file);
    if (!existsSync(file)) {
      stale.push(`${shown} is missing: run \`${WRITE_COMMAND}\``);
      continue;
    }
    const committed = normalize(readFileSync(file, 'utf8'));
    if (committed !== normalize(text)) {
      stale.push(`${shown} is stale (${firstDifference(committed, normalize(text))}): run \`${WRITE_COMMAND}\``);
    }
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

function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

function firstDifference(committed: string, expected: string): string {
  const committedLines = committed.split('\n');
  const expectedLines = expected.split('\n');
  const length = Math.max(committedLines.length, expectedLines.length);
  for (let index = 0; index < length; index++) {
    const found = committedLines[index];
    const wanted = expectedLines[index];
    if (found !== wanted) {
      return `line ${index + 1}: committed ${quote(found)}, composition gives ${quote(wanted)}`;
    }
  }
  return 'content differs';
}

function quote(line: string | undefined): string {
  if (line === undefined) return 'end of file';
  const trimmed = line.trim();
  return JSON.stringify(trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed);
}
