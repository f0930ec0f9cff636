import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse } from 'graphql';
import { z } from '@alpes/platform';

/** GraphQL Code Generator client-preset's persisted-documents.json: sha256 of each document's text → that text. */
const manifestSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 id (64 lowercase hex digits)'), z.string().min(1));

/** The trusted documents: found by id, by their exact text, or by their text normalized as client-preset prints it. */
export class TrustedDocumentManifest {
  readonly #byId: ReadonlyMap<string, string>;
  readonly #idByText = new Map<string, string>();

  constructor(documents: Record<string, string>) {
    const parsed = manifestSchema.parse(documents);
    for (const [id, text] of Object.entries(parsed)) {
      const actual = sha256(text);
      if (actual !== id) throw new Error(`trusted documents manifest: id ${id} is not the sha256 of its document (${actual})`);
      this.#idByText.set(text, id);
    }
    this.#byId = new Map(Object.entries(parsed));
  }

  static fromFile(path: string): TrustedDocumentManifest {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`TRUSTED_DOCUMENTS_MANIFEST ${path}: ${(error as Error).message}`, { cause: error });
    }
    return new TrustedDocumentManifest(json as Record<string, string>);
  }

  get size(): number {
    return this.#byId.size;
  }

  textOf(id: string): string | undefined {
    return this.#byId.get(id);
  }

  /** The id of this text: identical to a listed document, or the same document once normalized (order, spacing). */
  idOfText(text: string): string | undefined {
    const exact = this.#idByText.get(text);
    if (exact) return exact;
    const normalized = normalize(text);
    return normalized === undefined ? undefined : this.#idByText.get(normalized);
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function normalize(text: string): string | undefined {
  try {
    return printExecutableGraphQLDocument(parse(text, { noLocation: true }));
  } catch {
    return undefined; // not a document: it cannot be a listed one
  }
}
