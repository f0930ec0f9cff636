import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode, type GraphQLError } from 'graphql';
import { messageOf, withFinalNewline } from './util.js';

/** Routing URLs recorded in the committed supergraph (the local development ports). */
const KNOWN_PORTS: Record<string, number> = { afiliados: 4001, conversiones: 4002, marketing: 4003 };
const FIRST_EXTRA_PORT = 4004;

export interface SubgraphSource {
  name: string;
  url: string;
  file: string;
}

export interface CompositionSummary {
  ok: boolean;
  subgraphs: string[];
  /** Each error with its code, naming subgraphs, type and field. */
  errors: string[];
  hints: string[];
  supergraphSdl: string | undefined;
}

/** Every `<dir>/<name>/schema.graphql`, in name order, with its local routing URL. */
export function findSubgraphs(subgraphsDir: string): SubgraphSource[] {
  if (!existsSync(subgraphsDir)) return [];
  const names = readdirSync(subgraphsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(subgraphsDir, entry.name, 'schema.graphql')))
    .map((entry) => entry.name)
    .sort();
  let nextPort = FIRST_EXTRA_PORT;
  return names.map((name) => ({
    name,
    url: `http://localhost:${KNOWN_PORTS[name] ?? nextPort++}/graphql`,
    file: join(subgraphsDir, name, 'schema.graphql'),
  }));
}

/** Composes the subgraph SDL files offline, like `rover supergraph compose`. */
export function composeSubgraphs(subgraphsDir: string): CompositionSummary {
  const sources = findSubgraphs(subgraphsDir);
  const subgraphs = sources.map((source) => source.name);
  const failed = (errors: string[]): CompositionSummary => ({ ok: false, subgraphs, errors, hints: [], supergraphSdl: undefined });
  if (sources.length === 0) return failed([`No subgraph found: expected ${subgraphsDir}/<name>/schema.graphql`]);

  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const parseErrors: string[] = [];
  for (const source of sources) {
    try {
      services.push({ name: source.name, url: source.url, typeDefs: parse(readFileSync(source.file, 'utf8')) });
    } catch (error) {
      parseErrors.push(`INVALID_GRAPHQL: [${source.name}] ${source.file}: ${messageOf(error)}`);
    }
  }
  if (parseErrors.length > 0) return failed(parseErrors);

  const result = composeServices(services);
  if (result.errors) return failed(result.errors.map(describeCompositionError));
  return {
    ok: true,
    subgraphs,
    errors: [],
    hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`),
    supergraphSdl: withFinalNewline(result.supergraphSdl),
  };
}

/** `CODE: message`, with the subgraphs the error's nodes come from when the message does not name them. */
export function describeCompositionError(error: GraphQLError): string {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'COMPOSITION_ERROR';
  const subgraphs = [...new Set((error.nodes ?? []).map(subgraphOfNode).filter((name): name is string => !!name))];
  const unnamed = subgraphs.filter((name) => !error.message.includes(`"${name}"`) && !error.message.includes(`[${name}]`));
  const suffix = unnamed.length > 0 ? ` (subgraphs: ${unnamed.join(', ')})` : '';
  return `${code}: ${error.message}${suffix}`;
}

function subgraphOfNode(node: unknown): string | undefined {
  const subgraph = (node as { subgraph?: unknown }).subgraph;
  return typeof subgraph === 'string' ? subgraph : undefined;
}
