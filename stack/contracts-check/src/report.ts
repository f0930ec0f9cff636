import { type CheckStatus, type Report, type ReportSection } from '@alpes/schema-check/check-kit';
import type { ContractChange } from './contracts-diff.js';
import { WRITE_COMMAND } from './options.js';
import type { ContractsFindings } from './result.js';

type ReportInput = ContractsFindings & { status: CheckStatus };

/** One broken shared schema is reported at every place that uses it: the first ones are enough to find it. */
const MAX_VALIDATION_ITEMS = 20;

const HEADLINES = {
  pass: '✅ Contracts check passed',
  breaking: '❌ Contracts check failed: breaking changes to the message contracts',
  error: '❌ Contracts check could not complete',
} as const;

/** The report of a contracts check, for check-kit's renderReport. */
export function reportOf(result: ReportInput): Report {
  return { headline: HEADLINES[result.status], base: { label: 'Base contracts', source: result.baseSource }, sections: sectionsOf(result) };
}

function sectionsOf(result: ReportInput): ReportSection[] {
  const sections = [validationSection(result), documentSection(result), ...changeSections(result)];
  if (result.errors.length > 0) {
    sections.push({ title: 'Errors', mark: '❌', summary: `${result.errors.length} error(s)`, items: result.errors.map((message) => ({ message })) });
  }
  return sections;
}

function validationSection({ validation }: ReportInput): ReportSection {
  const title = 'AsyncAPI document (@asyncapi/parser)';
  if (!validation) return { title, mark: '➖', summary: 'not built', items: [] };
  const all = [...validation.errors, ...validation.warnings.map((warning) => `warning ${warning}`)];
  const items = all.slice(0, MAX_VALIDATION_ITEMS).map((message) => ({ message }));
  if (all.length > MAX_VALIDATION_ITEMS) items.push({ message: `… and ${all.length - MAX_VALIDATION_ITEMS} more` });
  if (validation.errors.length > 0) return { title, mark: '❌', summary: `invalid: ${validation.errors.length} error(s)`, items };
  return { title, mark: validation.warnings.length > 0 ? '⚠️' : '✅', summary: `valid AsyncAPI 3.0, ${validation.warnings.length} warning(s)`, items };
}

function documentSection({ document }: ReportInput): ReportSection {
  const title = 'Committed document';
  if (!document.checked) return { title, mark: '➖', summary: 'not checked', items: [] };
  return document.stale.length === 0
    ? { title, mark: '✅', summary: 'schema/asyncapi.yaml is up to date', items: [] }
    : { title, mark: '❌', summary: `stale: run \`${WRITE_COMMAND}\` and commit the result`, items: document.stale.map((message) => ({ message })) };
}

function changeSections(result: ReportInput): ReportSection[] {
  if (!result.diffed) return [{ title: 'Breaking changes', mark: '➖', summary: 'not checked (no base or no new document)', items: [] }];
  const item = ({ coordinate, kind, description }: ContractChange) => ({ code: coordinate, message: `${description} (${kind})` });
  return [
    {
      title: 'Breaking changes',
      mark: result.breaking.length > 0 ? '❌' : '✅',
      summary:
        result.breaking.length > 0 ? `${result.breaking.length} breaking change(s): give the message type a new version instead, and keep the old one` : 'none',
      items: result.breaking.map(item),
    },
    {
      title: 'Compatible changes',
      mark: '✅',
      summary: result.safe.length > 0 ? `${result.safe.length} change(s) every consumer copes with` : 'none',
      items: result.safe.map(item),
    },
  ];
}
