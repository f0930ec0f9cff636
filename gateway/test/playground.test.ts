import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { MemoryBus } from '@alpes/messaging';
import { ephemeralStackAuth } from '@alpes/security';
import { gatewayConfigSchema } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/index.js';
import { exampleTabs } from '../src/playground/examples.js';

// The committed supergraph: the gateway loads it without contacting any subgraph.
const supergraph = { kind: 'file' as const, path: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)) };
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
// A URL on a CDN or Apollo's hosted landing page (prose such as "a CDN source (jsdelivr, unpkg, etc)" is fine).
const CDN =
  /(?:https?:)?\/\/[^\s"'`)]*(?:unpkg\.com|jsdelivr\.net|cdnjs|googleapis\.com|gstatic\.com|embeddable-sandbox|apollo-server-landing-page|apollographql\.com|esm\.sh|skypack)/i;

const origin = (gateway: RunningGateway) => new URL(gateway.url).origin;
const getPage = (gateway: RunningGateway, accept = BROWSER_ACCEPT) => fetch(gateway.url, { headers: { accept } });
const pageConfig = (html: string) =>
  JSON.parse(/<script id="playground-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!) as {
    endpoint: string;
    subscriptions: boolean;
    schemaUrl?: string;
    tabs: { query: string; variables?: string }[];
  };

describe('the offline GraphiQL playground on GET /graphql', () => {
  let gateway: RunningGateway;
  let bus: MemoryBus;

  beforeAll(async () => {
    bus = new MemoryBus();
    gateway = await startGateway({ port: 0, auth: ephemeralStackAuth(), supergraph, bus });
  });
  afterAll(async () => {
    await gateway?.close();
    await bus?.close();
  });

  it('serves GraphiQL to a browser, with every script and stylesheet from the gateway itself and no CDN link', async () => {
    const response = await getPage(gateway);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('graphiql.min.js');
    expect(html).not.toMatch(/https?:\/\//);
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThanOrEqual(5);
    for (const reference of references) expect(reference).toMatch(/^(\/playground\/|data:)/);

    for (const reference of references.filter((path) => path.startsWith('/'))) {
      const asset = await fetch(origin(gateway) + reference);
      expect(asset.status, reference).toBe(200);
      expect(asset.headers.get('content-type'), reference).toMatch(reference.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      const text = await asset.text();
      expect(CDN.exec(text)?.[0], reference).toBeUndefined();
      // Fonts and images in the stylesheet are embedded, not fetched.
      if (reference.endsWith('.css')) for (const [, url] of text.matchAll(/url\(\s*['"]?([^'")]+)/g)) expect(url).toMatch(/^data:/);
    }
  });

  it('serves React 18 UMD builds (GraphiQL 3 needs them) even where a React 19 is hoisted', async () => {
    const react = await (await fetch(`${origin(gateway)}/playground/react.production.min.js`)).text();
    expect(react).toMatch(/\.version="18\./);
    const reactDom = await (await fetch(`${origin(gateway)}/playground/react-dom.production.min.js`)).text();
    expect(reactDom).toMatch(/\.version="18\./);
  });

  it('opens with the main flow: a query, crearCampana, campanaCreada, registrarConversion, comisionCalculada, each valid against the served schema', async () => {
    const config = pageConfig(await (await getPage(gateway)).text());
    expect(config).toMatchObject({ endpoint: '/graphql', subscriptions: true, schemaUrl: '/playground/schema.json' });
    const introspection = (await (await fetch(origin(gateway) + config.schemaUrl!)).json()) as { data: IntrospectionQuery };
    const schema = buildClientSchema(introspection.data);
    expect(schema.getSubscriptionType()?.getFields()).toHaveProperty('campanaCreada');

    const all = config.tabs.map((tab) => tab.query).join('\n');
    for (const field of ['afiliados', 'crearCampana', 'campanaCreada', 'registrarConversion', 'comisionCalculada', 'comando'])
      expect(all).toMatch(new RegExp(`\\b${field}\\b`));
    expect(config.tabs[0]!.query).toMatch(/^\s*query /m);
    for (const tab of config.tabs) {
      expect(
        validate(schema, parse(tab.query)).map((error) => error.message),
        tab.query,
      ).toEqual([]);
      if (tab.variables) expect(() => JSON.parse(tab.variables!)).not.toThrow();
    }
  });

  it('leaves every other request to Apollo: POST /graphql, and GET without an HTML preference', async () => {
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
    for (const accept of ['application/json', '*/*']) {
      const response = await getPage(gateway, accept);
      expect(response.headers.get('content-type'), accept).not.toMatch(/^text\/html/);
      expect(await response.text(), accept).not.toContain('graphiql');
    }
    expect((await fetch(`${origin(gateway)}/playground/nope.js`)).status).toBe(404);
  });
});

describe('PLAYGROUND=false (playground: false)', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ port: 0, auth: ephemeralStackAuth(), supergraph, playground: false });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('answers a browser with Apollo’s normal response (no landing page, no GraphiQL) and serves no playground file', async () => {
    const response = await getPage(gateway);
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).not.toMatch(/graphiql|<html/i);
    for (const path of ['/playground/graphiql.min.js', '/playground/schema.json']) expect((await fetch(origin(gateway) + path)).status, path).toBe(404);
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the playground where Apollo disables introspection (NODE_ENV=production)', () => {
  let gateway: RunningGateway;
  const previous = process.env.NODE_ENV;

  beforeAll(async () => {
    process.env.NODE_ENV = 'production';
    try {
      gateway = await startGateway({ port: 0, auth: ephemeralStackAuth(), supergraph });
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('still serves the page (queries run) but does not hand out the schema', async () => {
    const config = pageConfig(await (await getPage(gateway)).text());
    expect(config.schemaUrl).toBeUndefined();
    expect(config.subscriptions).toBe(false); // no bus given here: no graphql-ws, so no subscription tabs either
    expect(config.tabs.some((tab) => /^\s*subscription /m.test(tab.query))).toBe(false);
    expect((await fetch(`${origin(gateway)}/playground/schema.json`)).status).toBe(404);
  });
});

describe('INTROSPECTION=true under NODE_ENV=production (the compose file sets it for its playground)', () => {
  let gateway: RunningGateway;
  const previous = process.env.NODE_ENV;

  beforeAll(async () => {
    process.env.NODE_ENV = 'production';
    try {
      gateway = await startGateway({ port: 0, auth: ephemeralStackAuth(), supergraph, introspection: true });
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('hands the schema to the page and answers introspection on POST /graphql', async () => {
    const config = pageConfig(await (await getPage(gateway)).text());
    expect(config.schemaUrl).toBeDefined();
    const schema = (await (await fetch(origin(gateway) + config.schemaUrl!)).json()) as { data: IntrospectionQuery };
    expect(schema.data.__schema.queryType?.name).toBe('Query');
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await post.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('exampleTabs', () => {
  it('dates the example campaign from today to a month later', () => {
    const [, , crear] = exampleTabs({ subscriptions: true, today: new Date('2027-03-10T12:00:00Z') });
    expect(JSON.parse(crear!.variables!).input).toMatchObject({ fechaInicio: '2027-03-10', fechaFin: '2027-04-09' });
  });
});

describe('the INTROSPECTION setting', () => {
  it('is unset by default (Apollo decides from NODE_ENV); true/1 and false/0 force it', () => {
    expect(gatewayConfigSchema.parse({}).INTROSPECTION).toBeUndefined();
    expect(gatewayConfigSchema.parse({ INTROSPECTION: 'true' }).INTROSPECTION).toBe(true);
    expect(gatewayConfigSchema.parse({ INTROSPECTION: '0' }).INTROSPECTION).toBe(false);
    expect(gatewayConfigSchema.safeParse({ INTROSPECTION: 'yes' }).success).toBe(false);
  });
});

describe('the PLAYGROUND setting', () => {
  it('is on by default; PLAYGROUND=false (or 0) turns it off', () => {
    expect(gatewayConfigSchema.parse({}).PLAYGROUND).toBe(true);
    expect(gatewayConfigSchema.parse({ PLAYGROUND: 'false' }).PLAYGROUND).toBe(false);
    expect(gatewayConfigSchema.parse({ PLAYGROUND: '0' }).PLAYGROUND).toBe(false);
    expect(gatewayConfigSchema.safeParse({ PLAYGROUND: 'nope' }).success).toBe(false);
  });
});
