import { DiagnosticSeverity, Parser } from '@asyncapi/parser';

export interface DocumentValidation {
  /** Errors: the document is not valid AsyncAPI (or its schemas are not valid JSON Schema). */
  errors: string[];
  warnings: string[];
}

/** Validates the document with the AsyncAPI initiative's own parser (spec schema, JSON Schema payloads, $refs, Spectral rules). */
export async function validateDocument(yamlText: string): Promise<DocumentValidation> {
  const { diagnostics } = await new Parser().parse(yamlText);
  const describe = (diagnostic: (typeof diagnostics)[number]): string =>
    `${diagnostic.code}: ${diagnostic.message}${diagnostic.path.length > 0 ? ` (at ${diagnostic.path.join('.')})` : ''}`;
  return {
    errors: diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).map(describe),
    warnings: diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning).map(describe),
  };
}
