// Which processes had their currentEpoch or lastVoteEpoch assigned since the
// invariant monitor last looked (ClusterEnv.epochsChanged). The
// epochs-monotonic invariant checks those after each instant instead of
// every node: in a 1000-node cluster nearly every instant is one message
// to one node, so a per-instant pass over all nodes would cost more than
// the simulation itself.

const NONE: readonly number[] = [];

export class EpochChanges {
  private list: number[] = [];
  private readonly marked = new Set<number>();

  /** Process `index` (its position in World.processes) assigned an epoch. */
  note(index: number): void {
    if (this.marked.has(index)) return;
    this.marked.add(index);
    this.list.push(index);
  }

  /** The indices noted since the last take, each once, in the order first noted; then forget them. */
  take(): readonly number[] {
    if (this.list.length === 0) return NONE;
    const out = this.list;
    this.list = [];
    this.marked.clear();
    return out;
  }
}
