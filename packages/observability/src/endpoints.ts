import type { Express, Request } from 'express';
import type { ServiceMetrics } from './metrics.js';

/** Who may read /status: `allowed`, or the HTTP answer for everyone else. */
export type StatusAccess = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

export interface ObservabilityEndpoints {
  metrics: ServiceMetrics;
  /** The /status document of this server. */
  status: (request: Request) => Promise<Record<string, unknown>>;
  /** Decides from the request's Authorization header (an admin identity only). */
  authorizeStatus: (request: Request) => Promise<StatusAccess>;
}

/**
 * GET /metrics: this server's registry in Prometheus text format (open, as Prometheus scrapes it; it holds no ids
 * and no personal data). GET /status: what an operator needs to see (outbox, consumers, DLQ, migrations, ...), for
 * an admin identity only.
 */
export function mountObservabilityEndpoints(app: Express, endpoints: ObservabilityEndpoints): void {
  app.get('/metrics', async (_request, response) => {
    const { contentType, body } = await endpoints.metrics.exposition();
    response.setHeader('content-type', contentType);
    response.send(body);
  });
  app.get('/status', async (request, response) => {
    let access: StatusAccess;
    try {
      access = await endpoints.authorizeStatus(request);
    } catch {
      access = { allowed: false, status: 401, message: 'invalid credentials' };
    }
    if (!access.allowed) {
      if (access.status === 401) response.setHeader('www-authenticate', 'Bearer');
      response.status(access.status).json({ error: access.message });
      return;
    }
    response.setHeader('cache-control', 'no-store');
    response.json(await endpoints.status(request));
  });
}
