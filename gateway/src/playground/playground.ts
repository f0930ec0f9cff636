import type { BaseContext } from '@apollo/server';
import type { ServiceServerOptions } from '@alpes/platform';
import { introspectionFromSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { resolvePlaygroundAssets } from './assets.js';
import { exampleTabs } from './examples.js';
import { PLAYGROUND_CSP, playgroundHtml, type PlaygroundPageConfig } from './page.js';

type App = Parameters<NonNullable<ServiceServerOptions<BaseContext>['configure']>>[0];

export interface PlaygroundOptions {
  /** The GraphQL endpoint the page serves and talks to (default /graphql). */
  endpoint?: string;
  /** Where the page's scripts, stylesheet and schema are served (default /playground). */
  assetPath?: string;
  /** Whether graphql-ws subscriptions are served on the endpoint (the page then opens subscription tabs). */
  subscriptions: boolean;
  /** The schema the page shows (with the Subscription type): undefined until the gateway loaded one. */
  schema: () => GraphQLSchema | undefined;
  /** Whether the page may read the schema; follow Apollo's introspection setting, so the page reveals no more than POST /graphql does. */
  introspection: boolean;
  /** The example campaign's dates start here (default now). */
  today?: () => Date;
}

/** The paths the playground answers besides GET <endpoint> with Accept: text/html. */
export const PLAYGROUND_DEFAULTS = { endpoint: '/graphql', assetPath: '/playground' } as const;

/**
 * GraphiQL on GET <endpoint> when the client prefers HTML (a browser), fully offline: every file comes from
 * installed packages through <assetPath>/…. Any other GET (and every POST) goes on to Apollo untouched.
 * Mount it before the GraphQL middleware (startServiceServer's `configure` hook).
 */
export function mountPlayground(app: App, options: PlaygroundOptions): void {
  const endpoint = options.endpoint ?? PLAYGROUND_DEFAULTS.endpoint;
  const assetPath = options.assetPath ?? PLAYGROUND_DEFAULTS.assetPath;
  const assets = new Map(resolvePlaygroundAssets().map((asset) => [asset.name, asset]));
  const schemaName = 'schema.json';
  const introspected = new WeakMap<GraphQLSchema, { data: IntrospectionQuery }>();

  app.get(endpoint, (request, response, next) => {
    // A browser's Accept puts text/html first; fetch(), curl (*/*) and GraphQL clients get JSON from Apollo as before.
    if (request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
    const config: PlaygroundPageConfig = {
      endpoint,
      subscriptions: options.subscriptions,
      ...(options.introspection ? { schemaUrl: `${assetPath}/${schemaName}` } : {}),
      tabs: exampleTabs({ subscriptions: options.subscriptions, ...(options.today ? { today: options.today() } : {}) }),
    };
    response
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PLAYGROUND_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        Vary: 'Accept',
      })
      .send(playgroundHtml(assetPath, config));
  });

  app.get(`${assetPath}/${schemaName}`, (_request, response) => {
    const schema = options.introspection ? options.schema() : undefined;
    if (!schema) {
      response.status(404).json({ errors: [{ message: options.introspection ? 'the gateway schema is not loaded yet' : 'introspection is disabled' }] });
      return;
    }
    let body = introspected.get(schema);
    if (!body) {
      body = { data: introspectionFromSchema(schema, { inputValueDeprecation: true }) };
      introspected.set(schema, body);
    }
    response.set('Cache-Control', 'no-store').json(body);
  });

  app.get(`${assetPath}/:name`, (request, response, next) => {
    const asset = assets.get(request.params.name);
    if (!asset) return next();
    response.sendFile(asset.file, { headers: { 'Content-Type': asset.contentType, 'X-Content-Type-Options': 'nosniff' } }, (error) => {
      if (error && !response.headersSent) next(error);
    });
  });
}
