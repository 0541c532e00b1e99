import { isUtf8 } from 'node:buffer';

/** Byte offset of the first malformed UTF-8 sequence; only called once decoding has failed. */
function firstInvalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    let length: number;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) length = 3;
    else if (lead >= 0xf0 && lead <= 0xf4) length = 4;
    else return i;
    if (length === 1) {
      i += 1;
      continue;
    }
    let code = lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    const min = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}

export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number };

/**
 * Strict decoding: a registry with mangled bytes is refused rather than read
 * with U+FFFD in it. A leading byte order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  // isUtf8 is native and much faster than a fatal TextDecoder on large files.
  if (!isUtf8(bytes)) return { ok: false, offset: firstInvalidOffset(bytes) };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
