import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the test runners, without types
import { playwrightFailures, stageFailures, vitestFailures } from '../../scripts/failedTests.mjs';

/** The runners' closing lines name what failed: reports cut down from real Vitest 4 and Playwright JSON output. */
describe('failed tests named from the JSON reports', () => {
  it('names each failed Vitest test with its file, full name and message head, and a file that failed on its own', () => {
    const report = {
      testResults: [
        {
          name: `${process.cwd()}/tests/unit/a.test.ts`,
          status: 'failed',
          assertionResults: [
            { fullName: 'outer fails here', title: 'fails here', status: 'failed', failureMessages: ['AssertionError: expected 1 to be 2 // Object.is equality\n    at /x/a.test.ts:2:62'] },
            { fullName: 'outer passes', title: 'passes', status: 'passed', failureMessages: [] },
          ],
        },
        { name: `${process.cwd()}/tests/unit/b.test.ts`, status: 'failed', message: 'Failed to load url ./missing', assertionResults: [] },
        { name: `${process.cwd()}/tests/unit/c.test.ts`, status: 'passed', assertionResults: [{ fullName: 'fine', status: 'passed' }] },
      ],
    };
    expect(vitestFailures(report)).toEqual([
      'tests/unit/a.test.ts › outer fails here: AssertionError: expected 1 to be 2 // Object.is equality',
      'tests/unit/b.test.ts: Failed to load url ./missing',
    ]);
    expect(vitestFailures(null)).toEqual([]);
  });

  it('names each unexpected or flaky Playwright test with its describe path, project and the head of its last error', () => {
    const error = 'Error: \u001b[2mexpect(\u001b[22mlocator).toHaveText(expected)\n\nLocator: getByRole(\'status\')\nExpected pattern: /^Done/\nReceived string: "Running"\n    at /x/a.spec.ts:9:3';
    const report = {
      suites: [
        {
          title: 'a.spec.ts',
          file: 'a.spec.ts',
          specs: [{ title: 'top level', tests: [{ projectName: 'fallback', status: 'expected', results: [{ status: 'passed' }] }] }],
          suites: [
            {
              title: 'group',
              file: 'a.spec.ts',
              specs: [
                { title: 'fails here', tests: [{ projectName: 'fallback', status: 'unexpected', results: [{ status: 'failed', error: { message: error } }] }] },
                { title: 'skipped', tests: [{ projectName: 'webgpu', status: 'skipped', results: [] }] },
                { title: 'timed out', tests: [{ projectName: 'webgpu', status: 'unexpected', results: [{ status: 'timedOut' }] }] },
              ],
            },
          ],
        },
      ],
      errors: [{ message: 'Error: Timed out waiting 240000ms from config.webServer.' }],
    };
    expect(playwrightFailures(report)).toEqual([
      'a.spec.ts › group › fails here [fallback]: Error: expect(locator).toHaveText(expected) | Locator: getByRole(\'status\') | Expected pattern: /^Done/ | Received string: "Running"',
      'a.spec.ts › group › timed out [webgpu]: timedOut',
      '(outside a test): Error: Timed out waiting 240000ms from config.webServer.',
    ]);
    expect(playwrightFailures(null)).toEqual([]);
  });

  it('says when a stage failed without naming a test, and adds nothing to named failures or to a passing stage', () => {
    expect(stageFailures('unit', 1, [])).toEqual(['unit: the runner exited with 1 without naming a failed test (see its output above)']);
    expect(stageFailures('unit', 1, ['a › b: c'])).toEqual(['a › b: c']);
    expect(stageFailures('e2e', 0, [])).toEqual([]);
  });
});
