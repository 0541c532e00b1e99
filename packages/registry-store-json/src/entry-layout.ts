const CLOSE_OBJECT = 0x7d;
const NEWLINE = 0x0a;
const ENTRY_CLOSE = Buffer.from('\n    }');

/**
 * Whether the model entry at bytes [start, end) is laid out for the depth
 * where this store writes entries (under `models`, 2-space indentation):
 * `{}`, or a `{` that ends its line and a `}` indented by four spaces. Such
 * an entry can be copied into a new file as it is; others are indented again
 * so that the file keeps one layout.
 */
export function fitsEntryDepth(bytes: Uint8Array, span: { start: number; end: number }): boolean {
  const { start, end } = span;
  if (end - start === 2) return bytes[start + 1] === CLOSE_OBJECT;
  return (
    bytes[start + 1] === NEWLINE &&
    end - start >= ENTRY_CLOSE.length + 1 &&
    ENTRY_CLOSE.equals(bytes.subarray(end - ENTRY_CLOSE.length, end))
  );
}

/** A parsed entry printed for the entry depth, for entries whose own bytes do not fit it. */
export function indentedEntry(raw: unknown): Uint8Array {
  // Newlines occur in JSON text only between tokens, so this indents every line.
  return Buffer.from(JSON.stringify(raw, null, 2).replaceAll('\n', '\n    '), 'utf8');
}
