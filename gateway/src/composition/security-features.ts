import { Kind, parse, print, visit } from 'graphql';

/** The SECURITY features this gateway enforces itself (plugins/field-authorization.ts). */
export const ENFORCED_SECURITY_FEATURES = ['https://specs.apollo.dev/authenticated/v0.1', 'https://specs.apollo.dev/requiresScopes/v0.1'] as const;

/**
 * A supergraph links @authenticated and @requiresScopes `for: SECURITY`: a gateway that does not enforce them must
 * refuse to serve it, and @apollo/gateway does ("feature … is for: SECURITY but is unsupported"). This gateway does
 * enforce those two, so it drops `for: SECURITY` from their links, and only theirs: any other security feature (e.g.
 * @policy) still stops the gateway from loading the supergraph, which is the safe answer to a rule it cannot apply.
 */
export function acknowledgeEnforcedSecurityFeatures(supergraphSdl: string): string {
  let changed = false;
  const document = visit(parse(supergraphSdl), {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = node.arguments?.find((argument) => argument.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !(ENFORCED_SECURITY_FEATURES as readonly string[]).includes(url.value)) return undefined;
      const kept = node.arguments?.filter((argument) => argument.name.value !== 'for');
      if (kept?.length === node.arguments?.length) return undefined;
      changed = true;
      return { ...node, arguments: kept };
    },
  });
  return changed ? print(document) : supergraphSdl;
}
