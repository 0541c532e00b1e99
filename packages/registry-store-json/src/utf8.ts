import { isAscii, isUtf8 } from 'node:buffer';

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

/** Whether `bytes` are valid UTF-8, checked natively (pure ASCII, the usual registry, fastest). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isAscii(bytes) || isUtf8(bytes);
}

export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number };

// Strict: a registry with mangled bytes is refused rather than read with
// U+FFFD in it. It also drops a leading byte order mark (ignoreBOM: false).
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The file's text, decoded strictly; a leading byte order mark is dropped.
 * One pass over the bytes either way: pure ASCII (the usual registry) is
 * checked natively and copied as Latin-1, which is the same text; anything
 * else goes through the fatal decoder, which validates while it decodes.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  if (isAscii(bytes)) {
    return {
      ok: true,
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
    };
  }
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    return { ok: false, offset: firstInvalidOffset(bytes) };
  }
}
