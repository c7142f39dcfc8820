// gzip of a text too large to hold at once: the text arrives in pieces and
// is compressed a segment at a time (raw deflate, level 9, each segment
// ended with a sync flush so that they concatenate), inside one gzip
// member with the CRC and length of the whole. Any gzip reader, the
// browser's DecompressionStream included, reads it as one stream; only the
// compressed bytes differ from compressing the whole text at once.

import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Text gathered before it is compressed (characters). */
const SEGMENT = 8 << 20;
/** The member header: magic, deflate, no flags, no mtime, max compression, Unix. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
/** A final, empty fixed-Huffman block: ends the deflate stream. */
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

export class GzipSegments {
  private readonly out: Buffer[] = [HEADER];
  private pending: string[] = [];
  private pendingLength = 0;
  private crc = 0;
  private size = 0;

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= SEGMENT) this.flush();
  }

  private flush(): void {
    if (this.pendingLength === 0) return;
    const raw = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.crc = crc32(raw, this.crc);
    this.size += raw.length;
    this.out.push(deflateRawSync(raw, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
  }

  /** The whole gzip member. */
  end(): Buffer {
    this.flush();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.size % 0x100000000, 4);
    return Buffer.concat([...this.out, LAST_BLOCK, trailer]);
  }
}
