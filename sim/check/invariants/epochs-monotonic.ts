// epochs-monotonic: while a process runs, its currentEpoch never goes down;
// its lastVoteEpoch never goes down, not even across a restart, and never
// above currentEpoch; and currentEpoch is at least every configEpoch in its
// table (its own included). Epochs are Redis Cluster's logical clock: a new
// configEpoch is always currentEpoch + 1 (§10.2, §11.3), which beats every
// configEpoch the node knows only because currentEpoch is never below any of
// them (every header raises it, §7 A).
//
// A restart reloads nodes.conf. Votes, elections and configEpoch changes
// are saved (and fsynced) before the node acts on them, so lastVoteEpoch and
// every configEpoch come back; but Redis raises currentEpoch from a header
// without saving (§7 A; cluster.c does not set SAVE_CONFIG there), so a
// restart may bring currentEpoch back down to what was last saved, never
// below lastVoteEpoch or a configEpoch (load raises it to the largest, §18).
// CLUSTER RESET HARD zeroes the epochs on purpose and starts a new life.
//
// Cost. A fall can only come from an assignment, and the world reports
// which nodes assigned an epoch in an instant (epochChanges), so those are
// checked at the instant's end: nothing is missed and a quiet node costs
// nothing. Every node's own epochs are also looked at every OWN_CHECK_MS
// (O(nodes); catches a configEpoch set above currentEpoch, which stays
// wrong until fixed), and the configEpochs of whole tables every
// tableCheckMs (O(nodes²), spaced further apart as the cluster grows so it
// never dominates), since a table entry only grows through headers that
// raise currentEpoch first. A world that cannot report changes gets every
// node checked after every instant.

import type { SimEvent } from '../../events/types.ts';
import { Lives, spacedForSize, type Invariant, type InvariantWorld, type Violation } from './types.ts';

const OWN_CHECK_MS = 100;
const TABLE_CHECK_MS = 100;
const TABLE_CHECK_MAX_MS = 10_000;

/** 100 ms up to 20 nodes, then growing with nodes² (a pass costs nodes²), at most 10 s. */
const tableCheckMs = (nodes: number): number => spacedForSize(nodes, TABLE_CHECK_MS, TABLE_CHECK_MAX_MS);

export class EpochsMonotonic implements Invariant {
  readonly name = 'epochs-monotonic' as const;
  private readonly lives = new Lives();
  /** Last values seen, by position in w.nodes (NaN: nothing seen in this life yet). */
  private readonly seenCurrent: number[] = [];
  private readonly seenVote: number[] = [];
  /** The cluster state each was seen with: a new one is a restart. */
  private readonly seenState: unknown[] = [];
  private lastOwnCheck = -Infinity;
  private lastTableCheck = -Infinity;

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    // A new life: forget what the node had before the reset.
    if (this.lives.onEvent(e)) {
      const i = w.nodes.findIndex((n) => n.ix === e.node);
      if (i >= 0) this.seenCurrent[i] = this.seenVote[i] = NaN;
    }
    return undefined;
  }

  onInstantEnd(w: InvariantWorld): Violation | undefined {
    // Runs after every instant: no closures or allocations on the way through.
    const now = w.now();
    const nodes = w.nodes;
    const changed = w.epochChanges?.();
    if (changed === undefined || now - this.lastOwnCheck >= OWN_CHECK_MS) {
      this.lastOwnCheck = now;
      for (let i = 0; i < nodes.length; i++) {
        const v = this.checkOwn(i, w);
        if (v) return v;
      }
    } else {
      for (let k = 0; k < changed.length; k++) {
        const v = this.checkOwn(changed[k]!, w);
        if (v) return v;
      }
    }
    if (now - this.lastTableCheck < tableCheckMs(nodes.length)) return undefined;
    this.lastTableCheck = now;
    for (const n of nodes) {
      const cs = n.cs;
      if (cs === undefined) continue;
      const cur = cs.currentEpoch;
      for (const entry of cs.nodeList) {
        if (entry.configEpoch > cur) {
          const who = w.nameOf(entry.name);
          return this.bad(now, n.name, `its table gives ${who} configEpoch ${entry.configEpoch}, above its currentEpoch ${cur}`, who);
        }
      }
    }
    return undefined;
  }

  /** Node i's own epochs against what was last seen of it. */
  private checkOwn(i: number, w: InvariantWorld): Violation | undefined {
    const n = w.nodes[i]!;
    const cs = n.cs;
    if (cs === undefined) return undefined;
    const now = w.now();
    const cur = cs.currentEpoch;
    const vote = cs.lastVoteEpoch;
    // A restarted process reloaded nodes.conf: only what was saved must have survived.
    if (this.seenState[i] !== cs) {
      this.seenState[i] = cs;
      this.seenCurrent[i] = NaN;
    }
    // NaN and undefined (first sight) compare false: nothing to go down from.
    const beforeCur = this.seenCurrent[i]!;
    const beforeVote = this.seenVote[i]!;
    if (cur < beforeCur) return this.bad(now, n.name, `currentEpoch went down from ${beforeCur} to ${cur} while it ran`);
    if (vote < beforeVote) return this.bad(now, n.name, `lastVoteEpoch went down from ${beforeVote} to ${vote} (no CLUSTER RESET HARD in between)`);
    this.seenCurrent[i] = cur;
    this.seenVote[i] = vote;
    if (vote > cur) return this.bad(now, n.name, `lastVoteEpoch ${vote} is above currentEpoch ${cur}`);
    if (cs.myself.configEpoch > cur) return this.bad(now, n.name, `its own configEpoch ${cs.myself.configEpoch} is above its currentEpoch ${cur}`);
    return undefined;
  }

  private bad(now: number, node: string, why: string, other?: string): Violation {
    return { invariant: this.name, atMs: now, why: `${node}: ${why}`, nodes: other ? [node, other] : [node] };
  }
}
