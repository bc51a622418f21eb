import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks, documentationFiles, headingSlug, markdownAnchors, markdownLinks, namedScripts } from './markdownLinks';

const ROOT = resolve(__dirname, '../..');
const FILES = documentationFiles(ROOT, readdirSync(join(ROOT, 'docs')));
const SCRIPTS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

describe('README.md and docs/*.md', () => {
  it('cover the README and the seven guides', () => {
    const names = FILES.map((f) => f.slice(ROOT.length + 1));
    for (const doc of ['user-guide', 'classroom', 'pytorch', 'onnx', 'deploy', 'architecture', 'benchmarks']) expect(names).toContain(`docs/${doc}.md`);
    expect(names).toContain('README.md');
  });

  it('link only to files that exist, and to anchors their headings define', () => {
    const links = FILES.flatMap((file) => markdownLinks(readFileSync(file, 'utf8')));
    expect(links.filter((l) => l.target.includes('#')).length).toBeGreaterThan(5); // anchors are really checked
    expect(FILES.flatMap((file) => brokenLinks(file, ROOT))).toEqual([]);
  });

  it('name only npm scripts that package.json defines', () => {
    const named = FILES.flatMap((file) => namedScripts(readFileSync(file, 'utf8')).map((name) => ({ file: file.slice(ROOT.length + 1), name })));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !SCRIPTS.includes(n.name))).toEqual([]);
  });

  it('keep the README to one page: at most 120 lines, none over 200 characters', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n');
    expect(readme.length).toBeLessThanOrEqual(120);
    const long = FILES.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${file.slice(ROOT.length + 1)}:${i + 1}`, length: [...line].length }))
        .filter((l) => l.length > 200),
    );
    expect(long).toEqual([]);
  });
});

describe('the link checker (it can fail)', () => {
  const readme = join(ROOT, 'README.md');

  it('reports a missing file, a missing anchor and a path outside the repository, with their lines', () => {
    const text = ['# Title', '', 'See [the guide](docs/no-such-guide.md) and', '[a section](docs/deploy.md#no-such-section).', '[out](../../etc/passwd)'].join('\n');
    expect(brokenLinks(readme, ROOT, text)).toEqual([
      'README.md:3 → docs/no-such-guide.md (no such file)',
      'README.md:4 → docs/deploy.md#no-such-section (no heading with anchor #no-such-section)',
      'README.md:5 → ../../etc/passwd (outside the repository)',
    ]);
  });

  it('accepts existing files, real anchors, same-file anchors and external URLs, and ignores code', () => {
    const text = [
      '# Two commands',
      '[deploy](docs/deploy.md#content-security-policy) [here](#two-commands) [web](https://example.org/x.md)',
      '![picture](docs/images/studio.png) `[not a link](nowhere.md)`',
      '```',
      '[also not a link](nowhere.md)',
      '```',
    ].join('\n');
    expect(brokenLinks(readme, ROOT, text)).toEqual([]);
  });

  it('makes anchors as GitHub does: punctuation dropped, spaces to hyphens, repeats numbered', () => {
    expect(headingSlug('All cores: cross-origin isolation (COOP/COEP)')).toBe('all-cores-cross-origin-isolation-coopcoep');
    expect(headingSlug('Training throughput (npm run bench)')).toBe('training-throughput-npm-run-bench');
    expect([...markdownAnchors('## `npm run bench`\n## Notes\n## Notes\n```\n# not a heading\n```')]).toEqual(['npm-run-bench', 'notes', 'notes-1']);
  });

  it('finds every npm script a text names, and a missing one', () => {
    const names = namedScripts('Run `npm start`, then `npm test` and npm run test:pytorch; npm run no-such-script.');
    expect(names).toEqual(['test:pytorch', 'no-such-script', 'start', 'test']);
    expect(names.filter((n) => !SCRIPTS.includes(n))).toEqual(['no-such-script']);
  });
});
