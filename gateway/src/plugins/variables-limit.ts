import type { RequestHandler } from 'express';

export const DEFAULT_MAX_VARIABLES_DEPTH = 32;

/**
 * How deep a JSON value nests (a scalar is 0, `{}` or `[]` is 1), measured without recursion so that a hostile
 * 10,000-level document cannot exhaust the stack. With `stopAt`, it returns as soon as the depth passes it (depth
 * first: a 500,000-level body is refused after `stopAt` steps, not after walking all of it).
 */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(current)) pending.push([child, here]);
  }
  return deepest;
}

/**
 * LIMIT_MAX_VARIABLES_DEPTH: a request whose `variables` nest deeper is answered HTTP 400 with VARIABLES_TOO_DEEP
 * (extensions.depth: the first level past the limit, extensions.maxDepth) before Apollo parses or coerces anything. Runs after the JSON body parser
 * (its size limit bounds the variables' size); GET requests carry their variables as a JSON query parameter.
 */
export function variablesDepthLimit(maxDepth: number): RequestHandler {
  return (request, response, next) => {
    let variables = variablesOf(request.body);
    const fromQuery = (request.query as Record<string, unknown> | undefined)?.variables;
    if (variables === undefined && typeof fromQuery === 'string') {
      try {
        variables = JSON.parse(fromQuery);
      } catch {
        return next(); // Apollo answers malformed variables itself
      }
    }
    const rejection = variablesDepthRejection(variables, maxDepth);
    if (!rejection) return next();
    response.status(400).json(rejection);
  };
}

/** The `variables` of a parsed POST body (undefined for a batch, an array). */
export function variablesOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { variables?: unknown }).variables : undefined;
}

/** The HTTP 400 body for `variables` nesting deeper than `maxDepth`, or undefined when they do not. */
export function variablesDepthRejection(variables: unknown, maxDepth: number) {
  if (typeof variables !== 'object' || variables === null) return undefined;
  // measured up to the first level past the limit: extensions.depth is then maxDepth + 1 ("deeper than")
  const depth = jsonDepth(variables, maxDepth);
  if (depth <= maxDepth) return undefined;
  return { errors: [{ message: `The variables nest deeper than ${maxDepth} levels`, extensions: { code: 'VARIABLES_TOO_DEEP', depth, maxDepth } }] };
}
