// The replication backlog: the last repl-backlog-size bytes of the stream, so
// that a replica that reconnects (or the old master, after a failover) can
// continue with PSYNC instead of a full sync.
//
// Redis 7.0 keeps the stream in 16 KB blocks and trims whole blocks once the
// history without the first block would still exceed the configured size
// (incrementalTrimReplicationBacklog). Here a "block" is one command: the
// history is trimmed while dropping the oldest command still leaves more
// than repl-backlog-size bytes, so the backlog holds between size and
// size + one command. A PSYNC offset always falls on a command boundary,
// because every node's history is made of the same commands.

export interface BacklogRange {
  cmds: (readonly string[])[];
  sizes: number[];
  /** Bytes from the requested offset to the end (what the master logs as "Sending N bytes"). */
  bytes: number;
}

export class ReplBacklog {
  private argvs: (readonly string[] | undefined)[] = [];
  private sizes: number[] = [];
  /** Offset of the first byte of each command. */
  private starts: number[] = [];
  private head = 0;
  /** Bytes held (repl_backlog->histlen). */
  histlen = 0;
  /** Offset of the first byte held (repl_backlog->offset). */
  offset: number;

  constructor(
    /** master_repl_offset when the backlog is created: the first byte it will hold is the next one. */
    masterReplOffset: number,
    public size: number,
  ) {
    this.offset = masterReplOffset + 1;
  }

  get length(): number {
    return this.argvs.length - this.head;
  }

  /** Record one command that starts at `start` (the offset of its first byte). */
  append(argv: readonly string[], bytes: number, start: number): void {
    this.argvs.push(argv);
    this.sizes.push(bytes);
    this.starts.push(start);
    this.histlen += bytes;
    this.trim(start + bytes - 1);
  }

  /** Drop the oldest commands while the rest still exceed `size`; `endOffset` = master_repl_offset. */
  trim(endOffset: number): void {
    while (this.length > 1 && this.histlen - this.sizes[this.head]! > this.size) {
      this.histlen -= this.sizes[this.head]!;
      this.argvs[this.head] = undefined;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.argvs.length) {
      this.argvs = this.argvs.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
    this.offset = endOffset - this.histlen + 1;
  }

  /** repl-backlog-size changed at runtime (resizeReplicationBacklog). */
  resize(size: number, endOffset: number): void {
    this.size = size;
    this.trim(endOffset);
  }

  /** The backlog covers `psyncOffset` (the first byte the replica lacks). */
  covers(psyncOffset: number): boolean {
    return psyncOffset >= this.offset && psyncOffset <= this.offset + this.histlen;
  }

  /**
   * Everything from `psyncOffset` on (addReplyReplicationBacklog), or null
   * if the offset is not covered or falls inside a command.
   */
  rangeFrom(psyncOffset: number): BacklogRange | null {
    if (!this.covers(psyncOffset)) return null;
    const end = this.offset + this.histlen;
    const out: BacklogRange = { cmds: [], sizes: [], bytes: end - psyncOffset };
    if (psyncOffset === end) return out;
    let lo = this.head;
    let hi = this.argvs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < psyncOffset) lo = mid + 1;
      else hi = mid;
    }
    if (this.starts[lo] !== psyncOffset) return null;
    for (let i = lo; i < this.argvs.length; i++) {
      out.cmds.push(this.argvs[i]!);
      out.sizes.push(this.sizes[i]!);
    }
    return out;
  }
}
