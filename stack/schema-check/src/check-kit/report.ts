import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** pass: exit 0 (warnings allowed); breaking: exit 1; error: exit 2. */
export type CheckStatus = 'pass' | 'breaking' | 'error';

export const EXIT_CODES: Record<CheckStatus, number> = { pass: 0, breaking: 1, error: 2 };

export interface ReportItem {
  /** Shown as code: a schema coordinate, a file › operation, a topic / Message.field. */
  code?: string;
  message: string;
}

export interface ReportSection {
  title: string;
  mark: '✅' | '⚠️' | '❌' | '➖';
  summary: string;
  items: ReportItem[];
}

export interface Report {
  headline: string;
  /** Where the base came from, e.g. `origin/main:schema/api-schema.graphql`. */
  base: { label: string; source: string };
  sections: ReportSection[];
}

/** The summary printed on stdout. */
export function renderReportText({ headline, base, sections }: Report): string {
  const lines = [headline, `Base: ${base.source}`, ''];
  for (const section of sections) {
    lines.push(`${section.mark} ${section.title}: ${section.summary}`);
    for (const item of section.items) lines.push(`    - ${item.code ? `${item.code} — ` : ''}${item.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The same summary as Markdown (a PR comment). */
export function renderReportMarkdown({ headline, base, sections }: Report): string {
  const lines = [`## ${headline}`, '', `${base.label}: \`${base.source}\``, ''];
  for (const section of sections) {
    lines.push(`### ${section.mark} ${section.title}`, '', escapeMarkdown(section.summary), '');
    for (const item of section.items) lines.push(`- ${item.code ? `\`${item.code}\` — ` : ''}${escapeMarkdown(item.message)}`);
    if (section.items.length > 0) lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Both renderings of a report: the stdout summary and the Markdown. */
export function renderReport(report: Report): { text: string; markdown: string } {
  return { text: renderReportText(report), markdown: renderReportMarkdown(report) };
}

export function writeReportFile(file: string, markdown: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, markdown);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[*_<>|[\]\\]/g, '\\$&');
}
