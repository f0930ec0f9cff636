import { isAbsolute, relative } from 'node:path';

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A path relative to the root when it lies inside it, else the absolute path. */
export function displayPath(rootDir: string, file: string): string {
  const shown = relative(rootDir, file);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? file : shown;
}

export function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
