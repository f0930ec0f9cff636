import { loadBaseFile, messageOf, renderReport, staleCommittedFile, writeReportFile } from '@alpes/schema-check/check-kit';
import { readContractModel, type ContractModel } from './contract-model.js';
import { diffContracts } from './contracts-diff.js';
import { yamlToDocument } from './document-yaml.js';
import { generateDocument } from './generate-document.js';
import { resolveOptions, WRITE_COMMAND, type ContractsCheckOptions, type ResolvedOptions } from './options.js';
import { reportOf } from './report.js';
import { statusOf, type ContractsCheckResult, type ContractsFindings } from './result.js';
import { validateDocument } from './validate-document.js';

/**
 * What schema:check does for the graph, for the messages: builds the AsyncAPI document from the contracts,
 * validates it, checks the committed copy is up to date and finds breaking changes against the base's document.
 */
export async function runContractsCheck(options: ContractsCheckOptions = {}): Promise<ContractsCheckResult> {
  const resolved = resolveOptions(options);
  const findings: ContractsFindings = {
    baseSource: 'not read',
    diffed: false,
    validation: undefined,
    document: { checked: false, stale: [] },
    breaking: [],
    safe: [],
    errors: [],
    documentYaml: undefined,
  };
  try {
    await checkContracts(resolved, findings);
  } catch (error) {
    findings.errors.push(messageOf(error));
  }
  const report = { ...findings, status: statusOf(findings) };
  const result: ContractsCheckResult = { ...report, ...renderReport(reportOf(report)) };
  if (resolved.markdownFile) writeReportFile(resolved.markdownFile, result.markdown);
  return result;
}

async function checkContracts(options: ResolvedOptions, findings: ContractsFindings): Promise<void> {
  const generated = await generateDocument(options.contractsModule);
  findings.documentYaml = generated.yaml;
  findings.validation = await validateDocument(generated.yaml);
  if (options.documentCheck) {
    const stale = staleCommittedFile({
      rootDir: options.rootDir,
      file: options.documentFile,
      expected: generated.yaml,
      writeCommand: WRITE_COMMAND,
      producer: 'contracts:write',
    });
    findings.document = { checked: true, stale: stale ? [stale] : [] };
  }

  const base = loadBaseFile({
    rootDir: options.rootDir,
    file: options.documentFile,
    baseFile: options.baseFile,
    unreadableBase: 'Cannot read the base contracts',
    noBase: 'No base contracts',
  });
  findings.baseSource = base.source;
  if (base.error) findings.errors.push(base.error);
  if (base.text === undefined) return;
  const previous = modelOf(base.text, `The base document (${base.source})`, findings.errors);
  const next = modelOf(generated.yaml, 'The new document', findings.errors);
  if (previous && next) Object.assign(findings, { diffed: true, ...diffContracts(previous, next) });
}

function modelOf(yaml: string, label: string, errors: string[]): ContractModel | undefined {
  try {
    return readContractModel(yamlToDocument(yaml));
  } catch (error) {
    errors.push(`${label} cannot be read: ${messageOf(error)}`);
    return undefined;
  }
}
