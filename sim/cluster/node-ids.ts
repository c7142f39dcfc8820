// The node IDs of one run as small integers. A Redis node names every node
// by its 40-character ID, on the wire and in its table; the simulator keeps
// that, and also gives each ID (and each address) an index shared by every
// node of the run, so that a gossip entry can be packed into numbers and
// found in the receiver's table without hashing a string. Looking up an
// index is looking up the ID: the two are one to one for the whole run.

export class NodeIds {
  private readonly index = new Map<string, number>();
  /** Node ID of each index. */
  readonly names: string[] = [];
  private readonly ipIndex = new Map<string, number>();
  /** Address of each IP index. */
  readonly ips: string[] = [];

  /** The index of a node ID, given one on first sight. */
  intern(name: string): number {
    let g = this.index.get(name);
    if (g === undefined) {
      g = this.names.length;
      this.names.push(name);
      this.index.set(name, g);
    }
    return g;
  }

  /** The index of a node ID, or -1 if no node of the run ever used it. */
  find(name: string): number {
    return this.index.get(name) ?? -1;
  }

  /** How many IDs have an index (indices are 0 … size − 1). */
  get size(): number {
    return this.names.length;
  }

  /** The index of an IP address string, given one on first sight. */
  internIp(ip: string): number {
    let g = this.ipIndex.get(ip);
    if (g === undefined) {
      g = this.ips.length;
      this.ips.push(ip);
      this.ipIndex.set(ip, g);
    }
    return g;
  }
}
