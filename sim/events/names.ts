// Who is who in a run's events: node indices to the names reports print.
// A process's index is its network id; its node ID (and, after CLUSTER RESET
// HARD, each new one) maps to it. Node IDs no process owns (a handshake's
// random ID, a node forgotten before it was named) get negative indices
// below NONE and print as their first eight characters, as they always have.

import { NONE, type NodeIx } from './types.ts';

const HEX40 = /^[0-9a-f]{40}$/;
const HEX40_ANYWHERE = /\b[0-9a-f]{40}\b/g;

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

  /** Every 40-hex node ID in a text replaced by its name (command replies, redis-cli lines). */
  withNames(text: string): string {
    return text.length < 40 ? text : text.replace(HEX40_ANYWHERE, (id) => this.nameOfId(id));
  }

  /** The process (index ≥ 0) a node ID belongs to, or undefined. */
  processOfId(id: string): NodeIx | undefined {
    const ix = this.byId.get(id);
    return ix !== undefined && ix >= 0 ? ix : undefined;
  }
}
