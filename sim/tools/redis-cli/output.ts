// What the tool prints. redis-cli writes with printf (and a few fprintf to
// stderr), often a line in pieces: "Moving slot 7 from A to B: " now, the
// dots as batches of keys move, the newline at the end. Output keeps the
// whole transcript, hands each completed line to a listener (the run's
// events), and flushes a last unfinished line (a prompt) at exit.

export type Stream = 'stdout' | 'stderr';

export interface OutputLine {
  readonly stream: Stream;
  readonly text: string;
  /** Printed without a newline (a prompt the tool exited after). */
  readonly unterminated?: boolean;
}

export type LineListener = (line: OutputLine) => void;

export class Output {
  private partial = '';
  private partialStream: Stream = 'stdout';
  readonly lines: OutputLine[] = [];

  constructor(private readonly listener?: LineListener) {}

  /** printf(text). */
  out(text: string): void {
    this.write('stdout', text);
  }

  /** fprintf(stderr, text). */
  err(text: string): void {
    this.write('stderr', text);
  }

  /** clusterManagerLog*: printf without colours (the tool's output is not a terminal). */
  log(text: string): void {
    this.write('stdout', text);
  }

  /** The text so far, as a terminal showing both streams would. */
  get text(): string {
    const done = this.lines.map((l) => (l.unterminated ? l.text : `${l.text}\n`)).join('');
    return done + this.partial;
  }

  /** The last non-empty line printed (for the one-line reason of a failure). */
  get lastLine(): string {
    if (this.partial.trim() !== '') return this.partial.trim();
    for (let i = this.lines.length - 1; i >= 0; i--) if (this.lines[i]!.text.trim() !== '') return this.lines[i]!.text.trim();
    return '';
  }

  /** At exit: an unfinished line (e.g. a prompt nobody answered) becomes a line of its own. */
  flush(): void {
    if (this.partial === '') return;
    this.emit({ stream: this.partialStream, text: this.partial, unterminated: true });
    this.partial = '';
  }

  private write(stream: Stream, text: string): void {
    if (text === '') return;
    // A change of stream ends the other stream's unfinished line, as a terminal shows it.
    if (this.partial !== '' && stream !== this.partialStream) this.flush();
    this.partialStream = stream;
    const pieces = (this.partial + text).split('\n');
    this.partial = pieces.pop()!;
    for (const p of pieces) this.emit({ stream, text: p });
  }

  private emit(line: OutputLine): void {
    this.lines.push(line);
    this.listener?.(line);
  }
}
