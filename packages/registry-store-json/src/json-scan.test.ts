import { describe, expect, it } from 'vitest';
import { JsonScanError, type ScannedValue, scanJson } from './json-scan.js';

/** Members of the top three levels of objects. */
const threeLevels = (path: readonly string[]) => path.length < 3;

function scans(text: string): boolean {
  try {
    scanJson(Buffer.from(text, 'utf8'), 0, threeLevels);
    return true;
  } catch (error) {
    if (error instanceof JsonScanError) return false;
    throw error;
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(Buffer.from(text, 'utf8').toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** A small seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const SAMPLES = [
  '',
  ' ',
  '{}',
  '[]',
  '{ }',
  '[ ]',
  ' {"a" : 1 } ',
  '{"a":1,}',
  '{,"a":1}',
  '{"a":1 "b":2}',
  '{"a" 1}',
  '{a:1}',
  "{'a':1}",
  '{"a":1}}',
  '{"a":1',
  '[1,]',
  '[,1]',
  '[1 2]',
  '[1,,2]',
  '[[[[[]]]]]',
  '[[[[[]]]]',
  '"abc"',
  '"a\\"b"',
  '"a\\\\"',
  '"a\\\\\\"',
  '"\\u00e9\\uD800\\udfff"',
  '"\\u00g9"',
  '"\\u00e"',
  '"\\x41"',
  '"\\/\\b\\f\\n\\r\\t"',
  '"\\a"',
  '"tab\there"',
  '"new\nline"',
  '"nul\u0000"',
  '"del\u007f"',
  '"é ✓ 𝄞 \u2028 \u2029"',
  '"unterminated',
  '"\\',
  '0',
  '-0',
  '01',
  '-01',
  '1.',
  '.5',
  '1.5',
  '-',
  '+1',
  '1e',
  '1e+',
  '1e-7',
  '1E+07',
  '1e0.5',
  '123456789012345678901234567890e400',
  '-1.25e-400',
  'true',
  'false',
  'null',
  'True',
  'nul',
  'nulll',
  'truefalse',
  'null null',
  '\ufeff{}',
  '{}\ufeff',
  '\u00a0{}',
  '{}\u000b',
  '\f{}',
  '\r\n\t{}\r\n\t',
  '{"__proto__": {"a": [1, {"b": null}]}, "constructor": "x"}',
  '{"a": 1, "a": 2}',
  '[1, "two", {"three": [3.0, -3e3, true, false, null]}]',
];

const ALPHABET = [
  ...'{}[],:"\\ -+.eE0123456789tfnrualsbu/\t\n\r',
  '\u0000',
  '\u001f',
  '\u007f',
  'é',
  '✓',
  '\u2028',
  '\ufeff',
  '\u00a0',
  'x',
];

function randomValue(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth > 3 || pick < 0.35) {
    const scalars = [0, -1.5, 1e21, 2.5e-7, 'text', 'é "q" \\ \n \u2028', '', true, false, null];
    return scalars[Math.floor(random() * scalars.length)];
  }
  if (pick < 0.65) {
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  }
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i -= 1) {
    object[['a', 'b', 'models', '__proto__', 'v1', 'é'][Math.floor(random() * 6)] as string] =
      randomValue(random, depth + 1);
  }
  return object;
}

function mutate(text: string, random: () => number): string {
  const chars = [...text];
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits -= 1) {
    const at = Math.floor(random() * (chars.length + 1));
    const char = ALPHABET[Math.floor(random() * ALPHABET.length)] as string;
    const action = random();
    if (action < 0.35) chars.splice(at, 1);
    else if (action < 0.7) chars.splice(at, 0, char);
    else chars.splice(at, 1, char);
  }
  return chars.join('');
}

describe('scanJson accepts exactly what JSON.parse accepts', () => {
  it.each(SAMPLES.map((sample) => [JSON.stringify(sample), sample]))('%s', (_label, sample) => {
    expect(scans(sample)).toBe(parses(sample));
  });

  it('on thousands of generated documents and mutations of them', () => {
    const random = seeded(20261127);
    let rejected = 0;
    for (let round = 0; round < 3000; round += 1) {
      const value = randomValue(random, 0);
      const indent = [0, 1, 2, '\t'][Math.floor(random() * 4)] as number | string;
      const text = JSON.stringify(value, null, indent);
      expect(scans(text), text).toBe(true);
      for (let k = 0; k < 4; k += 1) {
        const mutated = mutate(text, random);
        const expected = parses(mutated);
        if (!expected) rejected += 1;
        expect(scans(mutated), JSON.stringify(mutated)).toBe(expected);
      }
    }
    // The mutations do reach the failure paths.
    expect(rejected).toBeGreaterThan(5000);
  });

  it('with nesting far deeper than a call stack allows', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(scans(deep)).toBe(true);
    expect(scans(deep.slice(0, -1))).toBe(false);
    expect(scans(`{"a":${'{"b":'.repeat(100_000)}1${'}'.repeat(100_000)}}`)).toBe(true);
  });

  it('and says where the bytes stop being JSON', () => {
    expect(() => scanJson(Buffer.from('{"a": tru}'), 0, threeLevels)).toThrow(
      expect.objectContaining({ offset: 9 }),
    );
  });
});

describe('the outline', () => {
  function textOf(bytes: Buffer, value: ScannedValue): string {
    return bytes.toString('utf8', value.start, value.end);
  }

  it('lists the members of the objects asked for, with exact spans, repeated keys and escapes included', () => {
    const text =
      '\ufeff {"version" : "2.0", "mod\\u0065ls": {"din": {"metadata": {"a": {"deep": [1]}}, "versions": null},\n "é": [] }, "models": 3 } ';
    const bytes = Buffer.from(text, 'utf8');
    const root = scanJson(bytes, 3, threeLevels);
    expect(root.members?.map((m) => m.key)).toEqual(['version', 'models', 'models']);
    const models = root.members?.[1]?.value;
    expect(models?.members?.map((m) => [m.key, JSON.parse(textOf(bytes, m.value))])).toEqual([
      ['din', { metadata: { a: { deep: [1] } }, versions: null }],
      ['é', []],
    ]);
    const din = models?.members?.[0]?.value;
    expect(din?.members?.map((m) => m.key)).toEqual(['metadata', 'versions']);
    // Three levels: the metadata object is not outlined.
    expect(din?.members?.[0]?.value.members).toBeUndefined();
    expect(din?.members?.[1]?.value.first).toBe('n'.charCodeAt(0));
    expect(textOf(bytes, root.members?.[2]?.value as ScannedValue)).toBe('3');
  });
});
