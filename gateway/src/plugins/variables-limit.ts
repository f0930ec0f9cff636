import type { RequestHandler } from 'express';

export const DEFAULT_MAX_VARIABLES_DEPTH = 32;

/**
 * How deep a JSON value nests (a scalar is 0, `{}` or `[]` is 1), measured without recursion so that a hostile
 * 10,000-level document cannot exhaust the stack (the body-size limit bounds the work).
 */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    for (const child of Object.values(current)) pending.push([child, here]);
  }
  return deepest;
}

/**
 * LIMIT_MAX_VARIABLES_DEPTH: a request whose `variables` nest deeper is answered HTTP 400 with VARIABLES_TOO_DEEP
 * (extensions.depth, extensions.maxDepth) before Apollo parses or coerces anything. Runs after the JSON body parser
 * (its size limit bounds the variables' size); GET requests carry their variables as a JSON query parameter.
 */
export function variablesDepthLimit(maxDepth: number): RequestHandler {
  return (request, response, next) => {
    const body: unknown = request.body;
    let variables: unknown = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { variables?: unknown }).variables : undefined;
    const fromQuery = (request.query as Record<string, unknown> | undefined)?.variables;
    if (variables === undefined && typeof fromQuery === 'string') {
      try {
        variables = JSON.parse(fromQuery);
      } catch {
        return next(); // Apollo answers malformed variables itself
      }
    }
    const depth = jsonDepth(variables);
    if (depth <= maxDepth) return next();
    response.status(400).json({
      errors: [{ message: `The variables nest ${depth} levels deep; at most ${maxDepth} are accepted`, extensions: { code: 'VARIABLES_TOO_DEEP', depth, maxDepth } }],
    });
  };
}
