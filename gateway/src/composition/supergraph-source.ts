import { readFileSync } from 'node:fs';
import { IntrospectAndCompose, type SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@alpes/platform';
import { acknowledgeEnforcedSecurityFeatures } from './security-features.js';
import { subgraphsOfSupergraph, type SubgraphEndpoint } from './subgraph-list.js';

/** Where the gateway's supergraph comes from: composed at start from live subgraphs (development) or a file (production). */
export type SupergraphSource = { kind: 'subgraphs'; subgraphs: SubgraphEndpoint[]; pollIntervalMs?: number } | { kind: 'file'; path: string };

type InitializeOptions = Parameters<SupergraphManager['initialize']>[0];

/** Headers of the gateway's own calls to subgraphs (composition asks each for its `_service { sdl }`). */
export type IntrospectionHeaders = () => Promise<Record<string, string>>;

/** IntrospectAndCompose that waits for subgraphs still starting, instead of failing the gateway at once. */
class PatientIntrospectAndCompose implements SupergraphManager {
  private current?: IntrospectAndCompose;

  constructor(
    private readonly subgraphs: SubgraphEndpoint[],
    private readonly pollIntervalMs: number | undefined,
    private readonly logger: Logger,
    private readonly introspectionHeaders: IntrospectionHeaders | undefined,
    private readonly maxWaitMs = 60_000,
  ) {}

  async initialize(options: InitializeOptions) {
    const deadline = Date.now() + this.maxWaitMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      this.current = new IntrospectAndCompose({
        subgraphs: this.subgraphs,
        ...(this.pollIntervalMs ? { pollIntervalInMs: this.pollIntervalMs } : {}),
        ...(this.introspectionHeaders ? { introspectionHeaders: this.introspectionHeaders } : {}),
      });
      try {
        // every composed supergraph, the first and each one a poll brings, goes through the same acknowledgement
        const update = (supergraphSdl: string) => options.update(acknowledgeEnforcedSecurityFeatures(supergraphSdl));
        const result = await this.current.initialize({ ...options, update });
        return { ...result, supergraphSdl: acknowledgeEnforcedSecurityFeatures(result.supergraphSdl) };
      } catch (error) {
        if (Date.now() + delay > deadline) throw error;
        this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'subgraphs not composable yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

export interface ResolvedSupergraph {
  manager: SupergraphManager | string;
  subgraphs: SubgraphEndpoint[];
}

export function resolveSupergraph(source: SupergraphSource, logger: Logger, introspectionHeaders?: IntrospectionHeaders): ResolvedSupergraph {
  if (source.kind === 'file') {
    const supergraphSdl = acknowledgeEnforcedSecurityFeatures(readFileSync(source.path, 'utf8'));
    return { manager: supergraphSdl, subgraphs: subgraphsOfSupergraph(supergraphSdl) };
  }
  return { manager: new PatientIntrospectAndCompose(source.subgraphs, source.pollIntervalMs, logger, introspectionHeaders), subgraphs: source.subgraphs };
}
