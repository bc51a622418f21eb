// The failed tests named in Vitest's and Playwright's JSON reports, for the runners' closing lines: CI shows only the
// end of its output, so the names of what failed must be there, next to the counts.
import { relative } from 'node:path';

/** "file › test" for every failed test of a Vitest JSON report (and each file that failed without a test failing). */
export function vitestFailures(report) {
  const names = [];
  for (const file of report?.testResults ?? []) {
    const path = relative(process.cwd(), file.name ?? '');
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) names.push(`${path} › ${t.fullName ?? t.title}: ${headLines(t.failureMessages?.[0])}`);
    if (!failed.length && file.status === 'failed') names.push(`${path}: ${headLines(file.message)}`);
  }
  return names;
}

/** "file › test" for every test of a Playwright JSON report that did not end as expected. */
export function playwrightFailures(report) {
  const names = [];
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'expected' || t.status === 'skipped') continue;
        const last = t.results?.[t.results.length - 1];
        names.push(`${spec.file ?? suite.file} › ${[...titles, spec.title].join(' › ')} [${t.projectName}]: ${headLines(last?.error?.message ?? last?.status)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, child.title && child.title !== child.file ? [...titles, child.title] : titles);
  };
  for (const suite of report?.suites ?? []) visit(suite, []);
  for (const e of report?.errors ?? []) names.push(`(outside a test): ${headLines(e.message)}`);
  return names;
}

/**
 * The failures of one stage by name, or, when the stage's runner failed (`status` ≠ 0) without naming a failed test
 * (a crashed runner, no report, an error outside every test), one line saying so.
 */
export function stageFailures(stage, status, names) {
  if (names.length || status === 0) return names;
  return [`${stage}: the runner exited with ${status} without naming a failed test (see its output above)`];
}

/** Prints one "FAILED: …" line per name (nothing when none failed). */
export function printFailures(names) {
  for (const name of names) console.log(`FAILED: ${name}`);
}

/** A message's first four non-empty lines (a timed-out expect names its locator, expected and received there) joined with
 * " | ", without colour codes or stack frames, at most 400 characters. */
function headLines(message) {
  const lines = String(message ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('at '))
    .slice(0, 4);
  return (lines.length ? lines.join(' | ') : '(no message)').slice(0, 400);
}
