// The offline GraphiQL playground in a real browser: Debian's Chromium driven by playwright-core (no browser download).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL, waitUntil } from '@alpes/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

let stack: Awaited<ReturnType<typeof startTestStack>>;
let context: BrowserContext;
let page: Page;
let profileDir: string | undefined;
/** Every request the page made, and every one that failed or answered outside 2xx. */
const requested: string[] = [];
const problems: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the playground browser test drives Debian's Chromium through playwright-core ` +
        '(it downloads no browser). Install it with `sudo apt-get update && sudo apt-get install -y chromium` ' +
        '(or point CHROMIUM_PATH at a Chromium/Chrome binary).',
    );
  }
  stack = await startTestStack({ seed: { afiliados: 10, conversiones: 50 } });
  // A fresh profile each run: no cached files, no GraphiQL tabs remembered from an earlier run.
  profileDir = mkdtempSync(join(tmpdir(), 'alpes-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (request) => void requested.push(request.url()));
  page.on('requestfailed', (request) => void problems.push(`failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() < 200 || response.status() >= 300) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  page.on('pageerror', (error) => void pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await stack?.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

/** The text of a GraphiQL editor (CodeMirror 5 keeps its instance on the wrapper element and only renders visible lines). */
/** What page.evaluate callbacks use of the page (e2e compiles without the DOM library). */
interface PageGlobals {
  document: { querySelector(selector: string): { CodeMirror?: { getValue(): string; setValue(value: string): void } } | null };
}

const editorText = (selector: string) =>
  page.evaluate((css) => (globalThis as unknown as PageGlobals).document.querySelector(css)?.CodeMirror?.getValue() ?? '', `${selector} .CodeMirror`);

const responseText = () => editorText('.graphiql-response');

async function waitForResponse(matches: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await responseText();
    if (matches(text)) return text;
    if (Date.now() > deadline) throw new Error(`the result pane never matched; it shows: ${text.slice(0, 500)}`);
    await page.waitForTimeout(100);
  }
}

/** Polls an asynchronous condition (a look at the page) until it holds; fails after timeoutMs. */
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what()} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the offline GraphiQL playground in Chromium', () => {
  it('loads from the gateway alone: no failed request, nothing outside localhost', async () => {
    // the link npm start prints: the token rides in the fragment, which never reaches the server
    await page.goto(`${stack.gatewayUrl}#token=${stack.admin.replace(/^Bearer /, '')}`, { waitUntil: 'load' });
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await page.locator('.graphiql-execute-button').waitFor();
    // The schema (with the Subscription type) reached GraphiQL: the docs button works once it has one.
    await waitUntil(
      () => `schema never requested: ${requested.join(', ')}`,
      () => requested.some((url) => url.endsWith('/playground/schema.json')),
      10_000,
    );
    await page.waitForLoadState('networkidle');

    const origin = new URL(stack.gatewayUrl).origin;
    const outside = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
    expect(outside, 'requests outside the gateway').toEqual([]);
    expect(requested).toEqual(expect.arrayContaining([`${origin}/playground/graphiql.min.js`, `${origin}/playground/graphiql.min.css`]));
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
    // The main flow's example operations open in tabs.
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.join(' ')).toMatch(/Explorar/);
    expect(tabs.join(' ')).toMatch(/CrearCampana/);
    expect(tabs.join(' ')).toMatch(/VerComisionesCalculadas/);
  });

  it('opens with the token of the link in the Authorization header, and takes the token off the address bar', async () => {
    expect(page.url()).toBe(stack.gatewayUrl);
    expect(JSON.parse(await editorText('.graphiql-editor-tool .graphiql-editor:not(.hidden)'))).toEqual({ Authorization: stack.admin });
  });

  it('runs the default query with the run button and shows the result', async () => {
    expect(await editorText('.graphiql-query-editor')).toContain('query Explorar');
    await page.locator('.graphiql-execute-button').click();
    const text = await waitForResponse((value) => value.includes('"afiliados"'));
    const result = JSON.parse(text) as { data: { afiliados: { totalCount: number; nodes: { nombre: string }[] }; campanas: { nodes: unknown[] } } };
    expect(result.data.afiliados.totalCount).toBeGreaterThan(0);
    expect(result.data.afiliados.nodes[0]!.nombre).toBeTruthy();
    expect(result.data.campanas.nodes.length).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
    expect(problems).toEqual([]);
  });

  it('shows, in a subscription started in the page, the campanaCreada event of a crearCampana sent over HTTP', async () => {
    await page.locator('.graphiql-tab-add').click();
    const subscribeFrames: string[] = [];
    page.on('websocket', (socket) =>
      socket.on(
        'framesent',
        (frame) => void (typeof frame.payload === 'string' && frame.payload.includes('"subscribe"') && subscribeFrames.push(frame.payload)),
      ),
    );
    const setQuery = (text: string) =>
      page.evaluate((value) => {
        (globalThis as unknown as PageGlobals).document.querySelector('.graphiql-query-editor .CodeMirror')!.CodeMirror!.setValue(value);
      }, text);
    const lintErrors = () => page.locator('.graphiql-query-editor .CodeMirror-lint-mark-error').count();
    // GraphiQL knows the gateway's Subscription type (served with the schema): its linter underlines an unknown
    // subscription field, and nothing in the real one. Each wait is on the linter's marks, which appear after GraphiQL
    // parsed the text (100 ms debounce), so the run button then sends this document, not the tab's previous one.
    await setQuery('subscription { campanaNoExiste { campana { nombre } } }');
    await until(
      async () => (await lintErrors()) > 0,
      10_000,
      () => 'the linter never underlined an unknown subscription field',
    );
    // replayed from a time before the mutation (desde): no pause for the gateway to join the bus topic
    await setQuery(`subscription { campanaCreada(desde: "${new Date().toISOString()}") { campana { nombre } } }`);
    await until(
      async () => (await lintErrors()) === 0,
      10_000,
      () => 'the linter underlines the campanaCreada subscription',
    );
    await page.locator('.graphiql-execute-button').click();
    const shown = { text: '' };
    const poll = setInterval(
      () =>
        void responseText().then(
          (text) => (shown.text = text),
          () => {},
        ),
      200,
    );
    await waitUntil(
      () =>
        `the page never sent a graphql-ws subscribe message (result pane: ${shown.text.slice(0, 300)}; errors: ${pageErrors.join(' | ')}; problems: ${problems.join(' | ')})`,
      () => subscribeFrames.length > 0,
      10_000,
    ).finally(() => clearInterval(poll));
    expect(subscribeFrames.join('\n')).toContain('campanaCreada(desde:');

    const nombre = `Campaña desde el navegador ${Date.now()}`;
    const { errors } = await postGraphQL(
      stack.gatewayUrl,
      'mutation($input: CrearCampanaInput!) { crearCampana(input: $input) { correlationId id } }',
      {
        input: {
          nombre,
          fechaInicio: '2026-12-01',
          fechaFin: '2026-12-31',
          presupuesto: '1000.00',
          metaConversiones: 10,
          tipo: 'DIGITAL',
          porcentajeComision: '5',
          tags: ['navegador'],
          afiliadoIds: [],
        },
      },
      stack.admin,
    );
    expect(errors).toBeUndefined();
    const text = await waitForResponse((value) => value.includes(nombre));
    expect(JSON.parse(text)).toEqual({ data: { campanaCreada: { campana: { nombre } } } });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-subscription.png') });
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
