import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS_ORIGINS: the browser origins (scheme://host[:port]) allowed to call /graphql from their pages. An allowed
 * origin is echoed in Access-Control-Allow-Origin (preflights included); any other origin gets no CORS header, so
 * its browser withholds the answer. Empty (the default): same-origin pages only (the playground is same-origin).
 */
export function corsAllowlist(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'],
    maxAge: 600,
  }) as RequestHandler;
}
