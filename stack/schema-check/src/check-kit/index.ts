// What every offline check of a committed contract shares: the base file from git, the committed file's freshness,
// the status, exit codes and the report (stdout summary + Markdown file).
export { BASE_REVISIONS, loadBaseFile, type BaseFile, type BaseFileRequest } from './base-file.js';
export { staleCommittedFile, type CommittedFileExpectation } from './committed-file.js';
export {
  EXIT_CODES,
  renderReport,
  renderReportMarkdown,
  renderReportText,
  writeReportFile,
  type CheckStatus,
  type Report,
  type ReportItem,
  type ReportSection,
} from './report.js';
export { parseCheckArguments, runCheckCli } from './cli.js';
export { displayPath, messageOf, withFinalNewline } from '../util.js';
