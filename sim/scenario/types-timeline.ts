// Typed timeline: the faults and commands a scenario applies, in order
// (scenario-format.md §2, "Timeline actions"), and the expectations checked
// against the run. One action per entry; the union is discriminated by `type`.

import type { MESSAGE_TYPE_LABELS } from '../cluster/constants.ts';
import type { SourcePos } from './errors.ts';
import type { ConditionSet } from './types-conditions.ts';
import type { LatencyModel } from './types.ts';

/**
 * A node as an action names it. Selectors are resolved by the runner when the
 * action runs (and again on each `repeat`), so they are kept as data here.
 */
export type NodeRef =
  | { readonly kind: 'name'; readonly name: string }
  /** The master owning the slot with the highest configEpoch among live nodes' views. */
  | { readonly kind: 'owner-of-slot'; readonly slot: number }
  /** A replica of `master`: the first in node index order, or one drawn from the seeded generator. */
  | { readonly kind: 'replica-of'; readonly master: NodeRef; readonly pick: 'first' | 'random' };

/** A member of a partition group: a node, or a workload's clients (clients are outside the bus otherwise). */
export type GroupMember = { readonly kind: 'node'; readonly node: NodeRef } | { readonly kind: 'workload'; readonly name: string };

/** One side of a partition or link: named members, plus (`rest`) every node not named elsewhere (`"*"`). */
export interface NodeGroup {
  readonly members: readonly GroupMember[];
  /** `"*"`: every node not named in another group of the same action (never a workload). */
  readonly rest: boolean;
}

/** New conditions for links; absent fields are left as they are. */
export interface LinkChange {
  readonly latency?: LatencyModel;
  readonly lossProbability?: number;
  /** Restore the scenario's `network:` defaults before applying the other fields. */
  readonly reset: boolean;
}

/** Bus message types as `drop:` names them (Redis's CLUSTERMSG_TYPE_* names). */
export type BusMessageType = (typeof MESSAGE_TYPE_LABELS)[number];

/** What a `redis:` reply must look like for the step to pass. */
export type ReplyExpectation = { readonly kind: 'equals'; readonly text: string } | { readonly kind: 'matches'; readonly pattern: string };

export type Action =
  /** Symmetric partition: no traffic between nodes of different groups. */
  | { readonly type: 'partition'; readonly groups: readonly NodeGroup[] }
  /** Cut from→to traffic only (`oneway: true`) or both directions between the two sides. */
  | { readonly type: 'partition-between'; readonly from: NodeGroup; readonly to: NodeGroup; readonly oneway: boolean }
  /** `isolate: A` = `partition: [[A], "*"]`. */
  | { readonly type: 'isolate'; readonly node: NodeRef }
  /** Remove all partitions, or only those between two sides. */
  | { readonly type: 'heal'; readonly between?: readonly [NodeGroup, NodeGroup] }
  /** Change the conditions of the links between two sides. */
  | { readonly type: 'link'; readonly between: readonly [NodeGroup, NodeGroup]; readonly change: LinkChange }
  /** Change the default conditions of every link. */
  | { readonly type: 'network'; readonly change: LinkChange }
  /** Drop bus messages of some types (all types when `messageTypes` is empty); for `forMs`, or for good. */
  | {
      readonly type: 'drop';
      readonly messageTypes: readonly BusMessageType[];
      readonly from: NodeGroup;
      readonly to: NodeGroup;
      readonly forMs?: number;
    }
  | { readonly type: 'kill'; readonly node: NodeRef }
  | { readonly type: 'restart'; readonly node: NodeRef }
  /** SIGSTOP; resumed after `forMs` if given, else by a later `resume:`. */
  | { readonly type: 'pause'; readonly node: NodeRef; readonly forMs?: number }
  | { readonly type: 'resume'; readonly node: NodeRef }
  | { readonly type: 'shutdown'; readonly node: NodeRef }
  /** Start a node declared under `cluster.add`. */
  | { readonly type: 'start'; readonly node: NodeRef }
  /**
   * One command sent to a node. `command` is verbatim: `@B` / `@B.previous`
   * are substituted by the runner (see scanNodeRefs); `args` is its shell-like split.
   */
  | {
      readonly type: 'redis';
      readonly node: NodeRef;
      readonly command: string;
      readonly args: readonly string[];
      readonly reply?: ReplyExpectation;
      readonly asking: boolean;
      /** A named client: its connection state (MULTI, WATCH, READONLY, AUTH) carries over between steps on that node. */
      readonly client?: string;
    }
  /**
   * The `redis-cli --cluster` tool; `args` starts at `--cluster` (a leading `redis-cli` is dropped).
   * `stdin`: what the tool reads at its prompts. `exit` (default 0) and `output` (the transcript
   * contains the text / matches the pattern) are the outcome the step expects.
   */
  | {
      readonly type: 'redis-cli';
      readonly command: string;
      readonly args: readonly string[];
      readonly stdin?: string;
      readonly exit?: number;
      readonly output?: ReplyExpectation;
    }
  | { readonly type: 'replication'; readonly op: 'cut' | 'restore'; readonly node: NodeRef }
  | { readonly type: 'workload'; readonly op: 'start' | 'stop'; readonly workload: string }
  /** Block the timeline until the condition holds; fails after `withinMs` (absent: the run's end). */
  | { readonly type: 'wait'; readonly until: ConditionSet; readonly withinMs?: number }
  | { readonly type: 'check'; readonly condition: ConditionSet }
  /** Run `body` `times` times in a row; selectors inside are re-resolved each time. */
  | { readonly type: 'repeat'; readonly times: number; readonly body: readonly TimelineEntry[] };

/** All action names as written in YAML (`partition-between` is written `partition: { from, to }`). */
export type ActionType = Action['type'];

/** When an entry runs: at an absolute instant, or this long after the previous entry finished. */
export type EntryTiming = { readonly kind: 'at'; readonly ms: number } | { readonly kind: 'after'; readonly ms: number };

/** One step of the timeline. */
export interface TimelineEntry {
  readonly timing: EntryTiming;
  readonly action: Action;
  /** Position of the entry (its first key), for runtime messages. */
  readonly pos: SourcePos;
}

/** When an expectation is checked. */
export type ExpectTiming =
  /** At this instant. */
  | { readonly kind: 'at'; readonly ms: number }
  /** When the run ends. */
  | { readonly kind: 'end' }
  /** At some moment no later than this. */
  | { readonly kind: 'by'; readonly ms: number }
  /** After every event of the run. */
  | { readonly kind: 'always' };

/** One `expect:` entry: every condition must hold at the given time. */
export interface Expectation {
  readonly timing: ExpectTiming;
  readonly conditions: ConditionSet;
  readonly pos: SourcePos;
}
