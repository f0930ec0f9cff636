// The one list of error codes: the README's "Error codes" table. The suite accepts exactly what it documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@alpes/database';

/** Every `CODE` in the first column of the README's "## Error codes" table (fails when the section is missing). */
export function readDocumentedCodes(readmePath = join(REPO_ROOT, 'README.md')): ReadonlySet<string> {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('\n## Error codes');
  if (start < 0) throw new Error(`${readmePath} has no "## Error codes" section: it is the list of documented codes`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const codes = new Set<string>();
  for (const line of section.split('\n')) {
    const firstCell = /^\|([^|]+)\|/.exec(line)?.[1];
    if (!firstCell) continue;
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) codes.add(match[1]!);
  }
  if (codes.size < 5) throw new Error(`the README's "## Error codes" table lists only ${[...codes].join(', ')}: is it still a table?`);
  return codes;
}
