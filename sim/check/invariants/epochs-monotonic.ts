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
// A node's own epochs are looked at after every instant (O(nodes)); the
// configEpochs of its whole table at most every TABLE_CHECK_MS (O(nodes²)),
// since a table entry only grows through headers that raise currentEpoch.

import type { SimEvent } from '../../run/recorder.ts';
import { Lives, type Invariant, type InvariantWorld, type Violation } from './types.ts';

const TABLE_CHECK_MS = 100;

export class EpochsMonotonic implements Invariant {
  readonly name = 'epochs-monotonic' as const;
  private readonly lives = new Lives();
  /** Last values seen, by position in w.nodes (NaN: nothing seen in this life yet). */
  private readonly seenCurrent: number[] = [];
  private readonly seenVote: number[] = [];
  /** The cluster state each was seen with: a new one is a restart. */
  private readonly seenState: unknown[] = [];
  private lastTableCheck = -Infinity;

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    // A new life: forget what the node had before the reset.
    if (this.lives.onEvent(e)) {
      const i = w.nodes.findIndex((n) => n.name === e.node);
      if (i >= 0) this.seenCurrent[i] = this.seenVote[i] = NaN;
    }
    return undefined;
  }

  onInstantEnd(w: InvariantWorld): Violation | undefined {
    // Runs after every instant: no closures or allocations on the way through.
    const now = w.now();
    const tables = now - this.lastTableCheck >= TABLE_CHECK_MS;
    if (tables) this.lastTableCheck = now;
    const nodes = w.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const cs = n.cs;
      if (cs === undefined) continue;
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
      if (!tables) continue;
      for (const entry of cs.nodeList) {
        if (entry.configEpoch > cur) {
          const who = w.nameOf(entry.name);
          return this.bad(now, n.name, `its table gives ${who} configEpoch ${entry.configEpoch}, above its currentEpoch ${cur}`, who);
        }
      }
    }
    return undefined;
  }

  private bad(now: number, node: string, why: string, other?: string): Violation {
    return { invariant: this.name, atMs: now, why: `${node}: ${why}`, nodes: other ? [node, other] : [node] };
  }
}
