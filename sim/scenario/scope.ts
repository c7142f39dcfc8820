// What a section of the file may refer to while it is validated: the node and
// workload names the cluster and workload sections declared, and the
// scenario's duration for "impossible time" checks. Built in dependency order
// by schema.ts (cluster → workload → the rest).

import { printable } from '../core/printable.ts';
import { formatDurationMs } from '../core/time.ts';
import { suggest } from './suggest.ts';
import { scalarValue, wrongType, type ReadContext, type YNode } from './yaml-read.ts';

export class Scope {
  /** The latest absolute time the file mentions, to size the default duration. */
  latestMentionedMs = 0;

  constructor(
    readonly ctx: ReadContext,
    /** Every node name in index order; null when the cluster section is broken (then any name passes, to avoid echo errors). */
    readonly nodes: readonly string[] | null,
    /** Names declared under `cluster.add`. */
    readonly addedNodes: readonly string[],
    /** Workload names; null when the workload section is broken. Set once workloads are read. */
    public workloads: readonly string[] | null,
    /** The scenario's duration if `duration:` was written (times beyond it are impossible), else undefined. */
    readonly explicitDurationMs: number | undefined,
  ) {}

  /** A node name that must exist; returns it canonical, or records unknown-node with the nearest name. */
  nodeName(node: YNode, what: string): string | undefined {
    const v = scalarValue(this.ctx.deref(node));
    if (typeof v !== 'string' && typeof v !== 'number') return wrongType(this.ctx, node, what, 'a node name');
    return this.checkNodeName(String(v), node, what);
  }

  /** Check a name already read as text (map keys, words inside strings), blaming `at`. */
  checkNodeName(name: string, at: YNode, what: string): string | undefined {
    if (this.nodes === null || this.nodes.includes(name)) return name;
    return this.ctx.error(at, 'unknown-node', `${what}: unknown node "${printable(name)}"`, suggest(name, this.nodes));
  }

  isWorkload(name: string): boolean {
    return this.workloads !== null && this.workloads.includes(name);
  }

  /** A workload name that must exist. */
  workloadName(node: YNode, what: string): string | undefined {
    const v = scalarValue(this.ctx.deref(node));
    if (typeof v !== 'string') return wrongType(this.ctx, node, what, 'a workload name');
    if (this.workloads === null || this.workloads.includes(v)) return v;
    const hint = this.workloads.length === 0 ? ' (no workload is declared)' : '';
    return this.ctx.error(node, 'unknown-workload', `${what}: unknown workload "${printable(v)}"${hint}`, suggest(v, this.workloads));
  }

  /**
   * An absolute time must fall within the scenario's duration when one was
   * written; remember it either way so an implicit duration covers it.
   */
  withinDuration(node: YNode, ms: number, what: string): number | undefined {
    this.latestMentionedMs = Math.max(this.latestMentionedMs, ms);
    if (this.explicitDurationMs !== undefined && ms > this.explicitDurationMs) {
      const written = scalarValue(this.ctx.deref(node));
      return this.ctx.error(node, 'impossible-time', `${what}: ${String(written)} is after the end of the scenario (duration: ${formatDurationMs(this.explicitDurationMs)})`);
    }
    return ms;
  }
}
