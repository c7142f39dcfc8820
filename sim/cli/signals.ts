// SIGINT and SIGTERM while a command has something to finish or undo: a
// report folder being written, a sweep whose finished seeds must be kept.
// The command watches for the signals only then, and looks at a checkpoint
// (between files, between seeds): there it stops, undoes or keeps what it
// must, and ends with the exit code a shell gives a process that signal
// stopped, 128 + its number (130 for SIGINT, 143 for SIGTERM).
//
// `sim run` also watches while its simulation runs: the simulation goes in
// slices (run-slices.ts) with a checkpoint between two, and what it streamed
// into the report's temporary folder so far is removed.

import type { CliIO } from './io.ts';

export type SignalName = 'SIGINT' | 'SIGTERM';

/** What a shell reports for a process that the signal stopped: 128 + the signal's number. */
export const INTERRUPTED_EXIT: Readonly<Record<SignalName, number>> = { SIGINT: 130, SIGTERM: 143 };

/** A command stopped by a signal; main() prints the message and exits with INTERRUPTED_EXIT. */
export class Interrupted extends Error {
  constructor(
    readonly signal: SignalName,
    message: string,
  ) {
    super(message);
  }
}

export interface SignalWatch {
  /** The first signal received, if any. */
  readonly received: SignalName | undefined;
  /** Let a pending signal be delivered (one event-loop turn); throws Interrupted if one was. */
  checkpoint(message: string): Promise<void>;
  /** Stop watching (the signals stop the process again). */
  close(): void;
}

/** Watch for SIGINT and SIGTERM until close(); `onSignal` hears the first one as it arrives. */
export function watchSignals(io: Pick<CliIO, 'onSignal'>, onSignal?: (s: SignalName) => void): SignalWatch {
  let received: SignalName | undefined;
  const stop = io.onSignal?.((s) => {
    if (received !== undefined) return;
    received = s;
    onSignal?.(s);
  });
  return {
    get received() {
      return received;
    },
    async checkpoint(message) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (received !== undefined) throw new Interrupted(received, message);
    },
    close() {
      stop?.();
    },
  };
}
