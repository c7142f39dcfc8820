// Key → hash slot, exactly as Redis 7.0's keyHashSlot() (cluster.c) and
// crc16() (crc16.c): CRC16-CCITT in its XMODEM form (poly 0x1021, init 0, no
// reflection, no final xor), masked to 14 bits.
//
// Keys are JS strings standing for their UTF-8 bytes, which is what a client
// sends on the wire. keyHashSlot() runs once per simulated operation, so it
// never allocates: it finds the hash tag on the string itself (`{` and `}` are
// ASCII, and in UTF-8 every byte of a multi-byte sequence is >= 0x80, so a
// character index search finds exactly the bytes Redis would find) and feeds
// the CRC the UTF-8 bytes as it walks the characters.

export const CLUSTER_SLOTS = 16384;

/** Table for poly 0x1021, MSB first; identical to the one in Redis's crc16.c. */
const CRC16_TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    }
    table[i] = crc & 0xffff;
  }
  return table;
})();

function crcByte(crc: number, byte: number): number {
  return ((crc << 8) ^ CRC16_TABLE[((crc >>> 8) ^ byte) & 0xff]!) & 0xffff;
}

/** CRC16 of bytes[start, end). */
function crc16Bytes(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = crcByte(crc, bytes[i]!);
  return crc;
}

/**
 * CRC16 of the UTF-8 encoding of str[start, end), encoded on the fly.
 * Lone surrogates encode as U+FFFD (EF BF BD), as TextEncoder and Buffer do,
 * so the slot matches what a Node client would actually send.
 */
function crc16Utf8(str: string, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      crc = crcByte(crc, c);
      continue;
    }
    if (c < 0x800) {
      crc = crcByte(crc, 0xc0 | (c >> 6));
      crc = crcByte(crc, 0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < end ? str.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        crc = crcByte(crc, 0xf0 | (cp >> 18));
        crc = crcByte(crc, 0x80 | ((cp >> 12) & 0x3f));
        crc = crcByte(crc, 0x80 | ((cp >> 6) & 0x3f));
        crc = crcByte(crc, 0x80 | (cp & 0x3f));
        continue;
      }
      c = 0xfffd;
    }
    crc = crcByte(crc, 0xe0 | (c >> 12));
    crc = crcByte(crc, 0x80 | ((c >> 6) & 0x3f));
    crc = crcByte(crc, 0x80 | (c & 0x3f));
  }
  return crc;
}

/** CRC16/XMODEM of raw bytes, or of a string's UTF-8 bytes. crc16("123456789") = 0x31C3. */
export function crc16(data: Uint8Array | string): number {
  return typeof data === 'string' ? crc16Utf8(data, 0, data.length) : crc16Bytes(data, 0, data.length);
}

/**
 * The hash slot of a key (CLUSTER KEYSLOT). Hash tag rule: the first `{`, then
 * the first `}` after it; if there is no `}`, or nothing between the two, the
 * whole key is hashed, else only the bytes strictly between them.
 */
export function keyHashSlot(key: string): number {
  const len = key.length;
  const s = key.indexOf('{');
  if (s >= 0) {
    const e = key.indexOf('}', s + 1);
    if (e > s + 1) return crc16Utf8(key, s + 1, e) & 0x3fff;
  }
  return crc16Utf8(key, 0, len) & 0x3fff;
}

/** keyHashSlot for a key given as raw bytes (keys that are not valid UTF-8). */
export function keyHashSlotBytes(key: Uint8Array): number {
  const len = key.length;
  let s = 0;
  while (s < len && key[s] !== 0x7b /* { */) s++;
  if (s < len) {
    let e = s + 1;
    while (e < len && key[e] !== 0x7d /* } */) e++;
    if (e < len && e > s + 1) return crc16Bytes(key, s + 1, e) & 0x3fff;
  }
  return crc16Bytes(key, 0, len) & 0x3fff;
}
