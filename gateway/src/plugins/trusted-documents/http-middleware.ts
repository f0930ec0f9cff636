import type { NextFunction, Request, Response } from 'express';
import type { DocumentDecision, DocumentRequest, TrustedDocuments } from './trusted-documents.js';

/**
 * Trusted documents on POST and GET /graphql, before Apollo parses anything: a listed document (by id or by text)
 * runs the manifest's text; an unlisted one under enforce is answered 400 PERSISTED_QUERY_NOT_IN_LIST. Mounted after
 * the JSON body parser. Bodies that are not one operation (batches) are left to Apollo, which refuses them.
 */
export function trustedDocumentsMiddleware(trusted: TrustedDocuments) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method === 'POST') {
      const body: unknown = request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
      const operation = body as DocumentRequest & Record<string, unknown>;
      const decision = trusted.decide(operation);
      if (decision.kind === 'rejected') return reject(request, response, decision);
      if (decision.kind === 'listed') {
        operation.query = decision.query;
        delete operation.documentId;
        const extensions = withoutPersistedQuery(operation.extensions);
        if (extensions === undefined)
          delete operation.extensions; // Apollo refuses a present but undefined one
        else operation.extensions = extensions;
      }
      return next();
    }
    if (request.method === 'GET') {
      const url = new URL(request.url, 'http://gateway');
      const params = url.searchParams;
      if (!params.has('query') && !params.has('documentId') && !params.has('extensions')) return next(); // the playground page
      const extensions = parseJson(params.get('extensions'));
      const decision = trusted.decide({
        query: params.get('query') ?? undefined,
        documentId: params.get('documentId') ?? undefined,
        extensions,
        operationName: params.get('operationName') ?? undefined,
      });
      if (decision.kind === 'rejected') return reject(request, response, decision);
      if (decision.kind === 'listed') {
        params.set('query', decision.query);
        params.delete('documentId');
        const rest = withoutPersistedQuery(extensions);
        if (rest === undefined) params.delete('extensions');
        else params.set('extensions', JSON.stringify(rest));
        request.url = `${url.pathname}?${params.toString()}`;
      }
      return next();
    }
    next();
  };
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!extensions || typeof extensions !== 'object') return undefined;
  const { persistedQuery: _persistedQuery, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // Apollo answers the malformed parameter itself
  }
}

/** 400 with a GraphQL response, in application/graphql-response+json when the client takes it (as Apollo Server answers). */
function reject(request: Request, response: Response, decision: Extract<DocumentDecision, { kind: 'rejected' }>): void {
  const graphqlResponse = /application\/graphql-response\+json/.test(request.headers.accept ?? '');
  response
    .status(400)
    .type(graphqlResponse ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message: decision.message, extensions: decision.extensions }] }));
}
