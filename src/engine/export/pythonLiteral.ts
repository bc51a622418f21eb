// Safe Python source literals for values that end up in generated scripts.

/** A double-quoted Python string literal of any text: only printable ASCII stays as is, everything else is escaped. */
export function pyStr(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A Python float literal of a finite number (throws on NaN and ±Infinity). */
export function pyFloat(n: number, what = 'value'): string {
  if (!Number.isFinite(n)) throw new RangeError(`${what} must be a finite number (got ${n}).`);
  const s = String(n);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A Python int literal of a safe integer (throws otherwise). */
export function pyInt(n: number, what = 'value'): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number (got ${n}).`);
  return String(n);
}

/** `True` or `False`. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** A JSON-like value as a Python literal (dicts, lists, str, int/float, True/False/None), indented for reading. */
export function pyValue(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return pyBool(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === 'string') return pyStr(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) return `[${value.map((v) => pyValue(v)).join(', ')}]`;
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${pyValue(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const flat = entries.every(([, v]) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x === 'number')));
    const inline = `{${entries.map(([k, v]) => `${pyStr(k)}: ${pyValue(v)}`).join(', ')}}`;
    if (flat && inline.length + indent.length <= 120) return inline;
    return `{\n${entries.map(([k, v]) => `${inner}${pyStr(k)}: ${pyValue(v, inner)},`).join('\n')}\n${indent}}`;
  }
  throw new RangeError(`Cannot write ${typeof value} as a Python value.`);
}
