// What a scenario may ask for, and why. Every input is checked against these
// at load time, so that a run's cost in time and memory is bounded before it
// starts: a file past a limit is bad input like any other (exit 2, one line
// at the position that crossed it, the limit and the reason). The README's
// "Limits" table lists the same rows (a test keeps the two in step).
//
// Each limit is far above what the catalogue or `sim fuzz` writes, and far
// below what would take minutes or gigabytes; the reasons say where each
// number comes from.

export interface Limit {
  /** The largest allowed value. */
  readonly max: number;
  /** The limit as people write it (`256 KiB`, `24h`). */
  readonly shown: string;
  /** What it limits, as the README's table names it. */
  readonly what: string;
  /** Why, in a few words; appended to the error. */
  readonly why: string;
}

const DAY_MS = 24 * 3_600_000;

export const LIMITS = {
  fileBytes: {
    max: 256 * 1024,
    shown: '256 KiB',
    what: 'scenario file size',
    why: 'the largest catalogue scenario is 2.4 KB, and YAML parsing grows faster than the file: 1 MB takes seconds',
  },
  depth: {
    max: 64,
    shown: '64',
    what: 'YAML nesting depth',
    why: 'the scenario language nests a dozen levels at most',
  },
  aliases: {
    max: 1000,
    shown: '1000',
    what: 'YAML aliases (`*name`)',
    why: 'each alias is validated again where it is used; anchors spare repetition, they do not need thousands of uses',
  },
  expandedNodes: {
    max: 200_000,
    shown: '200,000',
    what: 'YAML nodes with aliases expanded',
    why: 'nested aliases multiply: a 1 KB file can stand for billions of nodes; a file without aliases stays below this',
  },
  timeMs: {
    max: DAY_MS,
    shown: '24h',
    what: 'any time or duration (`duration:`, `at:`, `after:`, `for:` …)',
    why: 'a simulated day of an idle 6-node cluster takes ~25 s of wall time, reports included',
  },
  timelineSteps: {
    max: 100_000,
    shown: '100,000',
    what: 'timeline steps, `repeat` expanded',
    why: 'every step is an event, a line of narration and a row of events.csv',
  },
  workloadOps: {
    max: 5_000_000,
    shown: '5,000,000',
    what: 'operations the workloads may issue in a run (rate × the time they may run)',
    why: 'each is two rows of history.csv; the simulator runs ~40,000 a second',
  },
  clients: {
    max: 1000,
    shown: '1000',
    what: 'workload clients, all workloads together',
    why: 'each client keeps a slot map and a connection per node, ~60 KB of memory',
  },
  lanes: {
    max: 100_000,
    shown: '100,000',
    what: 'clients × in-flight, all workloads together',
    why: 'every in-flight lane is created when the run starts',
  },
  keys: {
    max: 1_000_000,
    shown: '1,000,000',
    what: 'keys of one workload',
    why: 'the key index is allocated when the run starts, ~10 bytes a key; a million keys already fill every slot 61 times',
  },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** `WHAT; the limit is 24h (a simulated day … takes ~20 s of wall time)`: the reason of every limit error. */
export function overLimit(name: LimitName, what: string): string {
  const l = LIMITS[name];
  return `${what}; the limit is ${l.shown} (${l.why})`;
}
