import type { Logger } from '@alpes/platform';
import { bareId, sha256, type TrustedDocumentManifest } from './manifest.js';

/**
 * off: every document runs (development; the manifest, when given, still resolves ids);
 * allow-unlisted: every document runs, and one that is not in the manifest is logged;
 * enforce: only the manifest's documents run (production frontends).
 */
export type TrustedDocumentsMode = 'off' | 'allow-unlisted' | 'enforce';

/** What a client sent: the text, and/or an id (client-preset's documentId, APQ's extensions.persistedQuery.sha256Hash). */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
  operationName?: unknown;
}

export type DocumentDecision =
  /** Run this text (the manifest's, when the client named a listed document), without the id fields. */
  | { kind: 'listed'; id: string; query: string }
  /** Leave the request as it is (Apollo's automatic persisted queries handle an unknown hash). */
  | { kind: 'pass' }
  | { kind: 'rejected'; message: string; extensions: Record<string, unknown> };

export const NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';

export class TrustedDocuments {
  constructor(
    readonly mode: TrustedDocumentsMode,
    private readonly manifest: TrustedDocumentManifest | undefined,
    private readonly logger: Logger,
  ) {}

  decide(request: DocumentRequest): DocumentDecision {
    const id = requestedId(request);
    const query = typeof request.query === 'string' && request.query.length > 0 ? request.query : undefined;
    if (this.manifest) {
      const listedText = id === undefined ? undefined : this.manifest.textOf(id);
      if (id !== undefined && listedText !== undefined) return { kind: 'listed', id, query: listedText };
      const idOfText = query === undefined ? undefined : this.manifest.idOfText(query);
      if (idOfText !== undefined) return { kind: 'listed', id: idOfText, query: this.manifest.textOf(idOfText)! };
    }
    if (this.mode === 'off') return { kind: 'pass' };
    const described = {
      operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
      documentId: id,
      sha256: query === undefined ? undefined : sha256(query),
    };
    if (this.mode === 'allow-unlisted') {
      this.logger.warn(described, 'unlisted GraphQL document run (TRUSTED_DOCUMENTS=allow-unlisted)');
      return { kind: 'pass' };
    }
    return {
      kind: 'rejected',
      message:
        id !== undefined && query === undefined
          ? `Document ${id} is not in this gateway's trusted documents list (TRUSTED_DOCUMENTS=enforce)`
          : "This document is not in the gateway's trusted documents list (TRUSTED_DOCUMENTS=enforce): only the operations of the manifest run",
      extensions: { code: NOT_IN_LIST, ...(id === undefined ? {} : { documentId: id }), ...(described.sha256 ? { sha256: described.sha256 } : {}) },
    };
  }
}

/** client-preset sends `documentId` (optionally "sha256:<hex>"); Apollo's PersistedQueryLink, extensions.persistedQuery. */
function requestedId(request: DocumentRequest): string | undefined {
  if (typeof request.documentId === 'string') return bareId(request.documentId);
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? bareId(persisted.sha256Hash) : undefined;
}
