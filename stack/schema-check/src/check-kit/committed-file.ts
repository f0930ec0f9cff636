import { existsSync, readFileSync } from 'node:fs';
import { displayPath } from '../util.js';

export interface CommittedFileExpectation {
  rootDir: string;
  /** The committed file (absolute path). */
  file: string;
  /** What the generator gives now. */
  expected: string;
  /** The command that rewrites the file, e.g. `npm run schema:write`. */
  writeCommand: string;
  /** What produced `expected`, in the message: `composition`, `the contracts`. */
  producer: string;
}

/** Why the committed file differs from what its generator gives (missing, or the first differing line); undefined when up to date. */
export function staleCommittedFile({ rootDir, file, expected, writeCommand, producer }: CommittedFileExpectation): string | undefined {
  const shown = displayPath(rootDir, file);
  if (!existsSync(file)) return `${shown} is missing: run \`${writeCommand}\``;
  const committed = normalize(readFileSync(file, 'utf8'));
  if (committed === normalize(expected)) return undefined;
  return `${shown} is stale (${firstDifference(committed, normalize(expected), producer)}): run \`${writeCommand}\``;
}

function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

function firstDifference(committed: string, expected: string, producer: string): string {
  const committedLines = committed.split('\n');
  const expectedLines = expected.split('\n');
  const length = Math.max(committedLines.length, expectedLines.length);
  for (let index = 0; index < length; index++) {
    const found = committedLines[index];
    const wanted = expectedLines[index];
    if (found !== wanted) {
      return `line ${index + 1}: committed ${quote(found)}, ${producer} gives ${quote(wanted)}`;
    }
  }
  return 'content differs';
}

function quote(line: string | undefined): string {
  if (line === undefined) return 'end of file';
  const trimmed = line.trim();
  return JSON.stringify(trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed);
}
