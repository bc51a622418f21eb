import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A link found in a Markdown file: its target as written and the 1-based line it is on. */
export interface MarkdownLink {
  target: string;
  line: number;
}

/** The lines of a Markdown text outside fenced code blocks (a line inside one, or a fence, comes back empty). */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

/** The text of a Markdown file with fenced code blocks and inline code spans blanked (same lines, same lengths). */
function withoutCode(text: string): string {
  return proseLines(text)
    .map((line) => line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length)))
    .join('\n');
}

/** Every inline link and image target (`[text](target)`, `![alt](target)`) outside code, with its line. */
export function markdownLinks(text: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  withoutCode(text)
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1]!, line: i + 1 });
    });
  return links;
}

/** GitHub's anchor for a heading text: lower case, punctuation dropped, each space a hyphen. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown file defines: one per heading (repeats get -1, -2, … as on GitHub). */
export function markdownAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const slug = headingSlug(m[1]!);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** True for a link that leaves the repository (a URL with a scheme, or protocol-relative). */
function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/**
 * The broken relative links of one Markdown file, as "file:line → target (why)": a target file or folder that does not
 * exist, or an anchor that no heading of the target Markdown file defines. `text` defaults to the file's contents.
 */
export function brokenLinks(file: string, root: string, text = readFileSync(file, 'utf8')): string[] {
  const problems: string[] = [];
  const where = (line: number) => `${relative(root, file)}:${line}`;
  for (const { target, line } of markdownLinks(text)) {
    if (isExternal(target)) continue;
    const [pathPart = '', anchor] = target.split('#', 2);
    const path = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
    if (!path.startsWith(root)) {
      problems.push(`${where(line)} → ${target} (outside the repository)`);
      continue;
    }
    if (!existsSync(path)) {
      problems.push(`${where(line)} → ${target} (no such file)`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (statSync(path).isDirectory() || !path.endsWith('.md')) {
      problems.push(`${where(line)} → ${target} (an anchor into a file that is not Markdown)`);
      continue;
    }
    const anchors = markdownAnchors(path === file ? text : readFileSync(path, 'utf8'));
    if (!anchors.has(anchor)) problems.push(`${where(line)} → ${target} (no heading with anchor #${anchor})`);
  }
  return problems;
}

/** The npm scripts a text names (`npm run x`, `npm start`, `npm test`), each once. */
export function namedScripts(text: string): string[] {
  const names = [...text.matchAll(/\bnpm run ([\w:.-]*[\w])/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/\bnpm (start|test)\b/g)) names.push(m[1]!);
  return [...new Set(names)];
}

/** The Markdown files the docs test covers: README.md and every docs/*.md, as absolute paths. */
export function documentationFiles(root: string, docs: readonly string[]): string[] {
  return [join(root, 'README.md'), ...docs.filter((name) => name.endsWith('.md')).map((name) => join(root, 'docs', name))];
}
