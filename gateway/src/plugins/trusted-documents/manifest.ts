import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse } from 'graphql';
import { z } from '@alpes/platform';

/** GraphQL Code Generator client-preset's persisted-documents.json: "sha256:<hex>" (or the bare hex) of each text → that text. */
const manifestSchema = z.record(z.string().regex(/^(sha256:)?[0-9a-f]{64}$/, 'a sha256 id ("sha256:" and 64 lowercase hex digits)'), z.string().min(1));

/** Ids are compared without client-preset's "sha256:" prefix, so either spelling names the same document. */
export function bareId(id: string): string {
  return id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
}

/** The trusted documents: found by id, by their exact text, or by their text normalized as client-preset prints it. */
export class TrustedDocumentManifest {
  readonly #byId: ReadonlyMap<string, string>;
  readonly #idByText = new Map<string, string>();

  constructor(documents: Record<string, string>) {
    const byId = new Map<string, string>();
    for (const [key, text] of Object.entries(manifestSchema.parse(documents))) {
      const id = bareId(key);
      const actual = sha256(text);
      if (actual !== id) throw new Error(`trusted documents manifest: id ${key} is not the sha256 of its document (${actual})`);
      byId.set(id, text);
      this.#idByText.set(text, id);
    }
    this.#byId = byId;
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
    return this.#byId.get(bareId(id));
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
