// Who is who in a run's events: node indices to the names reports print.
// A process's index is its network id; its node ID (and, after CLUSTER RESET
// HARD, each new one) maps to it. Node IDs no process owns (a handshake's
// random ID, a node forgotten before it was named) get negative indices
// below NONE and print as their first eight characters, as they always have.

import { NONE, type NodeIx } from './types.ts';

const HEX40 = /^[0-9a-f]{40}$/;
/** A 40-hex run not inside a longer word (`\n` + ID matches; `replid:` + 40 hex matches too, and is left alone unless it is a node ID). */
const HEX40_ANYWHERE = /(?<![0-9A-Za-z])[0-9a-f]{40}(?![0-9A-Za-z])/g;

export class NodeNames {
  private readonly names: string[] = [];
  private readonly ghosts: string[] = [];
  private readonly byId = new Map<string, NodeIx>();

  /** Name the process whose network id is `ix`. */
  setName(ix: NodeIx, name: string): void {
    this.names[ix] = name;
  }

  /** `id` is (now also) the node ID of process `ix`. */
  bindId(id: string, ix: NodeIx): void {
    this.byId.set(id, ix);
  }

  /** Number of named processes (indices 0 … count − 1 may be named). */
  get count(): number {
    return this.names.length;
  }

  /**
   * The index of a node ID; an ID no process owns gets its own index, the
   * same every time it is asked. '' is NONE.
   */
  ofId(id: string): NodeIx {
    if (id === '') return NONE;
    const ix = this.byId.get(id);
    if (ix !== undefined) return ix;
    this.ghosts.push(HEX40.test(id) ? id.slice(0, 8) : id);
    const g = -1 - this.ghosts.length;
    this.byId.set(id, g);
    return g;
  }

  /** The index of a process or client name, or NONE. */
  ofName(name: string): NodeIx {
    const i = this.names.indexOf(name);
    return i >= 0 ? i : NONE;
  }

  /** What reports print for an index: a name, the first 8 characters of an unknown ID, or '' for NONE. */
  name(ix: NodeIx): string {
    if (ix >= 0) return this.names[ix] ?? '';
    if (ix === NONE) return '';
    return this.ghosts[-2 - ix] ?? '';
  }

  /** A node ID as reports print it, without giving it an index. */
  nameOfId(id: string): string {
    if (id === '') return '';
    const ix = this.byId.get(id);
    if (ix !== undefined) return this.name(ix);
    return HEX40.test(id) ? id.slice(0, 8) : id;
  }

  /**
   * Every node ID of the run's processes in a text replaced by its name
   * (command replies, redis-cli lines). Any other 40-hex string (a
   * replication ID, the ID of a node no process owns) is left whole: only
   * names are substituted, nothing is cut.
   */
  withNames(text: string): string {
    return text.length < 40 ? text : text.replace(HEX40_ANYWHERE, (id) => this.nameOfProcessId(id) ?? id);
  }

  private nameOfProcessId(id: string): string | undefined {
    const ix = this.byId.get(id);
    return ix !== undefined && ix >= 0 ? this.names[ix] : undefined;
  }

  /** The process (index ≥ 0) a node ID belongs to, or undefined. */
  processOfId(id: string): NodeIx | undefined {
    const ix = this.byId.get(id);
    return ix !== undefined && ix >= 0 ? ix : undefined;
  }
}
