import { describe, expect, it } from 'vitest';
import { scanJson } from './json-scan.js';
import { parseEntry } from './parse-entry.js';

describe('parseEntry', () => {
  it('gives what JSON.parse gives, for small entries and for large ones parsed member by member', () => {
    const versions = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [
        i % 7 === 0 ? String(i) : `v${i}`,
        { notes: `é ✓ "${'x'.repeat(200)}" \\ {[`, tags: [i, null, true], nested: { deep: [{}] } },
      ]),
    );
    for (const entry of [{ metadata: { model_name: 'din' }, versions: { v1: {} } }, { versions }]) {
      const inner = JSON.stringify(entry, null, 2);
      // Repeated keys and __proto__ as JSON.parse treats them.
      const text = `{"__proto__": {"a": 1}, "versions": 0, "x": "before", ${inner.slice(1, -1)}, "x": "after"}`;
      const bytes = Buffer.from(`  ${text}  `, 'utf8');
      const expected = JSON.parse(text);
      // Outlined as the file's scan outlines an entry (its members), or deeper.
      const parsed = parseEntry(
        bytes,
        scanJson(bytes, 0, (path) => path.length === 0),
      );
      expect(
        parseEntry(
          bytes,
          scanJson(bytes, 0, (path) => path.length <= 1),
        ),
      ).toEqual(expected);
      expect(parsed).toEqual(expected);
      expect(Object.keys(parsed)).toEqual(Object.keys(expected));
      expect(Object.keys(parsed.versions as object)).toEqual(Object.keys(expected.versions));
      expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
      expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    }
  });
});
