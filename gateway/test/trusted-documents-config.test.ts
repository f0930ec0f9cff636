// The environment of trusted documents and graphql-ws limits (config.ts), and the manifest's own checks at start.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema, gatewaySettingsOf } from '../src/config.js';
import { TrustedDocumentManifest, sha256 } from '../src/plugins/trusted-documents/manifest.js';

describe('TRUSTED_DOCUMENTS and WS_* settings', () => {
  it('defaults to off, with the documented graphql-ws limits', () => {
    const settings = gatewaySettingsOf(gatewayConfigSchema.parse({}));
    expect(settings.trustedDocuments).toEqual({ mode: 'off' });
    expect(settings.persistedQueriesMaxBytes).toBe(8 * 1024 * 1024);
    expect(settings.websocketLimits).toEqual({
      maxPayloadBytes: 65536,
      maxSubscriptionsPerConnection: 100,
      maxConnectionsPerClient: 20,
      connectionInitTimeoutMs: 3000,
      pingIntervalMs: 12000,
      maxBufferedBytes: 1048576,
    });
  });

  it('refuses enforce or allow-unlisted without a manifest, and an unknown mode', () => {
    expect(gatewayConfigSchema.safeParse({ TRUSTED_DOCUMENTS: 'enforce' }).success).toBe(false);
    expect(gatewayConfigSchema.safeParse({ TRUSTED_DOCUMENTS: 'allow-unlisted' }).success).toBe(false);
    expect(gatewayConfigSchema.safeParse({ TRUSTED_DOCUMENTS: 'strict', TRUSTED_DOCUMENTS_MANIFEST: 'm.json' }).success).toBe(false);
    expect(gatewayConfigSchema.safeParse({ TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_MANIFEST: 'm.json' }).success).toBe(true);
    expect(gatewayConfigSchema.safeParse({ WS_MAX_BUFFERED_BYTES: '12' }).success).toBe(false);
  });
});

describe('the manifest', () => {
  const write = (content: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'persisted-documents.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('finds a document by id (with or without sha256:) and by identical or reformatted text', () => {
    const text = 'query A { afiliados(first: 1) { totalCount } }';
    const manifest = TrustedDocumentManifest.fromFile(write({ [`sha256:${sha256(text)}`]: text }));
    expect(manifest.textOf(`sha256:${sha256(text)}`)).toBe(text);
    expect(manifest.textOf(sha256(text))).toBe(text);
    expect(manifest.idOfText(text)).toBe(sha256(text));
    expect(manifest.idOfText('query A {\n  afiliados(first: 1) {\n    totalCount\n  }\n}')).toBe(sha256(text));
    expect(manifest.idOfText('query A { afiliados(first: 2) { totalCount } }')).toBeUndefined();
  });

  it('refuses an id that is not the sha256 of its document, and a file that is not a manifest', () => {
    expect(() => TrustedDocumentManifest.fromFile(write({ [`sha256:${sha256('x')}`]: '{ a }' }))).toThrow(/is not the sha256 of its document/);
    expect(() => TrustedDocumentManifest.fromFile(write({ 'not-an-id': '{ a }' }))).toThrow();
    expect(() => TrustedDocumentManifest.fromFile('/nonexistent/persisted-documents.json')).toThrow(/TRUSTED_DOCUMENTS_MANIFEST/);
  });
});
