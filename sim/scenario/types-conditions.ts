// Typed conditions: what `expect`, `wait: { until }` and `check:` can ask
// about the cluster (scenario-format.md §2, "Conditions"). Node names here are
// canonical names, already checked against the cluster; conditions never take
// selectors because they are evaluated continuously, not at one moment.

import type { SourcePos } from './errors.ts';
import type { SlotRange } from './types.ts';

/** `">=1"`, `"<3"`, `6` (equality): how a counted quantity is compared. */
export interface Comparison {
  readonly op: '==' | '!=' | '<' | '<=' | '>' | '>=';
  readonly value: number;
}

/** A role as a node reports it in CLUSTER NODES (replica = `slave`). */
export type NodeRole = 'master' | 'replica';

/**
 * A CLUSTER NODES flag; `pfail` is printed `fail?`, and `none` means no
 * failure flag at all (neither pfail nor fail).
 */
export type NodeFlag = 'pfail' | 'fail' | 'handshake' | 'noaddr' | 'nofailover' | 'master' | 'slave' | 'none';

/** Fields every condition carries. */
interface ConditionBase {
  /** Where the condition was written, for failure messages. */
  readonly pos: SourcePos;
}

/** Conditions about node tables hold in every live node's view unless `seenBy` names one node. */
interface ViewCondition extends ConditionBase {
  readonly seenBy?: string;
}

/** `role: { A1: master, A: replica }` */
export interface RoleCondition extends ViewCondition {
  readonly kind: 'role';
  readonly roles: readonly { readonly node: string; readonly role: NodeRole }[];
}

/** `replica-of: { A: A1 }`: A replicates A1. */
export interface ReplicaOfCondition extends ViewCondition {
  readonly kind: 'replica-of';
  readonly pairs: readonly { readonly replica: string; readonly master: string }[];
}

/** `replicas: { A: ">=1" }`: how many replicas (not FAIL) each master has. */
export interface ReplicasCondition extends ViewCondition {
  readonly kind: 'replicas';
  readonly counts: readonly { readonly master: string; readonly count: Comparison }[];
}

/** `known-nodes: { S1: 20 }`: entries in the node's own table. */
export interface KnownNodesCondition extends ViewCondition {
  readonly kind: 'known-nodes';
  readonly counts: readonly { readonly node: string; readonly count: Comparison }[];
}

/** `cluster-state: ok`: on every live node, or only on the nodes of `on:`. */
export interface ClusterStateCondition extends ConditionBase {
  readonly kind: 'cluster-state';
  readonly state: 'ok' | 'fail';
  readonly on?: readonly string[];
}

/** `flag: { seen-by: B, node: A, is: fail }` */
export interface FlagCondition extends ViewCondition {
  readonly kind: 'flag';
  readonly node: string;
  readonly flag: NodeFlag;
}

/** `owner: { slots: 0-5460, is: A1 }`; `owner: null` (written `is: none`) asks for unassigned slots. */
export interface OwnerCondition extends ViewCondition {
  readonly kind: 'owner';
  readonly slots: readonly SlotRange[];
  readonly owner: string | null;
}

/** `open-slots: none` (no slot anywhere) or `{ slots: 609, none: true }`. */
export interface OpenSlotsCondition extends ConditionBase {
  readonly kind: 'open-slots';
  /** Absent: every slot. */
  readonly slots?: readonly SlotRange[];
  /** true: none of them is MIGRATING/IMPORTING on any node; false: at least one is. */
  readonly none: boolean;
}

/** `epoch: { node: A1, config: 7 }` and/or `current: ">=7"`. */
export interface EpochCondition extends ConditionBase {
  readonly kind: 'epoch';
  readonly node: string;
  readonly config?: Comparison;
  readonly current?: Comparison;
}

/** `converged: true` */
export interface ConvergedCondition extends ConditionBase {
  readonly kind: 'converged';
  readonly value: boolean;
}

/** `in-sync: [A1]` */
export interface InSyncCondition extends ConditionBase {
  readonly kind: 'in-sync';
  readonly replicas: readonly string[];
}

/** How one `detail` key of an event must read: the same text, or a numeric comparison (`"<1000"`). */
export type DetailMatch = { readonly kind: 'equals'; readonly text: string } | { readonly kind: 'compare'; readonly cmp: Comparison };

/**
 * `event: { election-won: A1 }` (short form: `involving` matches the event's
 * node or its subject) or `event: { name, node, subject, detail, count }`.
 * `count` defaults to `>=1`; `count: 0` asserts absence.
 */
export interface EventCondition extends ConditionBase {
  readonly kind: 'event';
  readonly name: string;
  readonly node?: string;
  readonly subject?: string;
  readonly involving?: string;
  readonly detail: readonly { readonly key: string; readonly match: DetailMatch }[];
  readonly count: Comparison;
}

/** `lost-writes: { max: N }` (and/or `min:`): acknowledged writes missing from the final state. */
export interface LostWritesCondition extends ConditionBase {
  readonly kind: 'lost-writes';
  readonly max?: number;
  readonly min?: number;
}

/** `history: consistent` */
export interface HistoryCondition extends ConditionBase {
  readonly kind: 'history';
  readonly value: 'consistent';
}

/** `replicas-consistent: true` */
export interface ReplicasConsistentCondition extends ConditionBase {
  readonly kind: 'replicas-consistent';
  readonly value: boolean;
}

/** `keys: { readable: all }`: every acknowledged key reads back. */
export interface KeysReadableCondition extends ConditionBase {
  readonly kind: 'keys-readable';
}

/** `keys: { on: A, slot: 3028, count: 0 }`: COUNTKEYSINSLOT on one node. */
export interface KeysInSlotCondition extends ConditionBase {
  readonly kind: 'keys-in-slot';
  readonly on: string;
  readonly slot: number;
  readonly count: Comparison;
}

/** Every condition of the language. Switch on `kind`. */
export type Condition =
  | RoleCondition
  | ReplicaOfCondition
  | ReplicasCondition
  | KnownNodesCondition
  | ClusterStateCondition
  | FlagCondition
  | OwnerCondition
  | OpenSlotsCondition
  | EpochCondition
  | ConvergedCondition
  | InSyncCondition
  | EventCondition
  | LostWritesCondition
  | HistoryCondition
  | ReplicasConsistentCondition
  | KeysReadableCondition
  | KeysInSlotCondition;

/** Conditions written together in one entry: all must hold. Never empty. */
export type ConditionSet = readonly Condition[];
