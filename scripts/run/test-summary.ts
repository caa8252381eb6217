// One plain summary of vitest's JSON reports (scripts/test.sh, .ci/run): the counts, then every test and
// file that failed by name, so the last lines of a long log say what went wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
  }>;
}

const reports = process.argv.slice(2).map((file) => ({ file, report: JSON.parse(readFileSync(file, 'utf8')) as VitestReport }));
const sum = (key: keyof Omit<VitestReport, 'testResults'>) => reports.reduce((total, { report }) => total + report[key], 0);

const skipped = sum('numPendingTests') + sum('numTodoTests');
// A file whose setup failed skips its tests: say so, or "0 failed" would hide it.
const failedFiles = sum('numFailedTestSuites') ? `; ${sum('numFailedTestSuites')} test file(s) failed` : '';
console.log(`${sum('numPassedTests')} passed, ${sum('numFailedTests')} failed` + (skipped ? `, ${skipped} skipped` : '') + failedFiles);

for (const { file, report } of reports) {
  const run = path.basename(file, '.json').replace(/^test-results-/, '');
  for (const result of report.testResults) {
    const where = path.relative(process.cwd(), result.name);
    const failed = result.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failed) console.log(`FAILED (${run}) ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (result.status === 'failed' && failed.length === 0) console.log(`FAILED (${run}) ${where}: ${firstLine(result.message)}`);
  }
}

function firstLine(text: string | undefined): string {
  return (
    (text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? ''
  );
}
