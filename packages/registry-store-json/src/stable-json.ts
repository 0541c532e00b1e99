/** Text already rendered by `stringifyStable` at the right depth, inserted verbatim. */
export class PreRendered {
  constructor(readonly text: string) {}
}

const INDENT = '  ';
// Each commit renders thousands of lines: indentation and quoted keys (the
// same few dozen field names over and over) are built once.
const indents: string[] = [];
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;

function newlineAndIndent(level: number): string {
  let text = indents[level];
  if (text === undefined) {
    text = `\n${INDENT.repeat(level)}`;
    indents[level] = text;
  }
  return text;
}

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, text);
  }
  return text;
}

function write(value: unknown, level: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? '';
  if (value instanceof PreRendered) return value.text;
  const inner = newlineAndIndent(level + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      out += `${index === 0 ? inner : `,${inner}`}${write(value[index], level + 1)}`;
    }
    return `${out}${newlineAndIndent(level)}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  if (keys.length === 0) return '{}';
  let out = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    out += `${index === 0 ? inner : `,${inner}`}${quoted(key)}: ${write(record[key], level + 1)}`;
  }
  return `${out}${newlineAndIndent(level)}}`;
}

/**
 * JSON with every object's keys in ascending code-unit order and 2-space
 * indentation, as if it started `level` levels deep. Same value, same text:
 * diffs of the registry file show only real changes.
 */
export function stringifyStable(value: unknown, level = 0): string {
  return write(value, level);
}
