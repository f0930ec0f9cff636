import type { DocumentNode } from 'graphql';

/** At most this many query texts are remembered: a subgraph sees the gateways' query plans, a bounded set. */
const MAX_DOCUMENTS = 500;
/** Longer texts always take Apollo's path (its own document store, bounded by size, keeps them parsed). */
export const MAX_QUERY_LENGTH = 32 * 1024;

/** Validated documents by query text, least recently used evicted first. */
export class DocumentCache {
  private readonly byQuery = new Map<string, DocumentNode>();

  constructor(readonly capacity = MAX_DOCUMENTS) {}

  get(query: string): DocumentNode | undefined {
    const document = this.byQuery.get(query);
    if (document) {
      // most recently used last: Map keeps insertion order
      this.byQuery.delete(query);
      this.byQuery.set(query, document);
    }
    return document;
  }

  remember(query: string, document: DocumentNode): void {
    if (query.length > MAX_QUERY_LENGTH || this.byQuery.has(query)) return;
    if (this.byQuery.size >= this.capacity) this.byQuery.delete(this.byQuery.keys().next().value as string);
    this.byQuery.set(query, document);
  }

  get size(): number {
    return this.byQuery.size;
  }
}
