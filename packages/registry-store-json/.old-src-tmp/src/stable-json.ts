/** Text already rendered by `stringifyStable` at the right depth, inserted verbatim. */
export class PreRendered {
  constructor(readonly text: string) {}
}

const INDENT = '  ';

function write(value: unknown, level: number, out: string[]): void {
  if (value instanceof PreRendered) {
    out.push(value.text);
  } else if (value === null || value === undefined) {
    out.push('null');
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    const inner = INDENT.repeat(level + 1);
    out.push('[\n');
    value.forEach((item: unknown, index) => {
      out.push(inner);
      write(item, level + 1, out);
      out.push(index < value.length - 1 ? ',\n' : '\n');
    });
    out.push(`${INDENT.repeat(level)}]`);
  } else if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    const inner = INDENT.repeat(level + 1);
    out.push('{\n');
    keys.forEach((key, index) => {
      out.push(`${inner}${JSON.stringify(key)}: `);
      write(record[key], level + 1, out);
      out.push(index < keys.length - 1 ? ',\n' : '\n');
    });
    out.push(`${INDENT.repeat(level)}}`);
  } else {
    out.push(JSON.stringify(value));
  }
}

/**
 * JSON with every object's keys in ascending code-unit order and 2-space
 * indentation, as if it started `level` levels deep. Same value, same text:
 * diffs of the registry file show only real changes.
 */
export function stringifyStable(value: unknown, level = 0): string {
  const out: string[] = [];
  write(value, level, out);
  return out.join('');
}
