// A simulated Redis process: identity, the disk it leaves behind (nodes.conf,
// dump.rdb, AOF), and its current incarnation (a RedisServer, or none while down).
// Process-level faults (kill, restart, pause, resume, shutdown, DEBUG SLEEP)
// and the serverCron timer live here; the network side is net/network.ts.

import type { ServerConfig } from '../config/index.ts';
import { CLUSTER_CRON_PERIOD_MS } from '../cluster/constants.ts';
import type { ClusterState } from '../cluster/state.ts';
import type { AofFile } from '../data/aof-file.ts';
import type { RdbFile } from '../data/rdb-file.ts';
import type { RedisServer } from '../server/server.ts';

/**
 * What a process leaves on disk. nodes.conf is written lazily: a save keeps
 * a renderer (which captured the epochs of that moment) and the text is only
 * produced when someone reads the file: a restart, a test. Rendering is
 * O(nodes), and a 1000-node cluster saves often.
 */
export class ProcessDisk {
  private text: string | null = null;
  private render: (() => string) | null = null;
  /** With appendonly yes: the AOF as of the last fsync (its data set is `aof.load()`). */
  aof: AofFile | null = null;
  /** dump.rdb as last written, or null if the node never wrote one. */
  rdb: RdbFile | null = null;
  /**
   * A nodes.conf given in structured form (the formed cluster of t=0): it
   * builds the node table directly instead of being parsed. Any later save
   * replaces it.
   */
  formed: ((cs: ClusterState) => void) | null = null;

  /** Last nodes.conf written, or null if the node never saved one. */
  get nodesConf(): string | null {
    if (this.render) {
      this.text = this.render();
      this.render = null;
    }
    return this.text;
  }

  set nodesConf(text: string | null) {
    this.render = null;
    this.formed = null;
    this.text = text;
  }

  /** A save: the file becomes whatever `render` returns when it is read. */
  saveNodesConf(render: () => string): void {
    this.formed = null;
    this.render = render;
  }
}

export class SimProcess {
  server: RedisServer | null = null;
  incarnation = 0;
  /** The node ID this process currently uses. */
  nodeId: string;
  /** The ID it had before its last CLUSTER RESET HARD (`@B.previous`). */
  previousId: string | undefined;
  readonly disk = new ProcessDisk();
  /** A cron tick fell due while the process was stopped. */
  cronPending = false;
  /** Timers (ServerEnv.schedule) that fell due while the process was stopped, in order. */
  resumeQueue: (() => void)[] = [];
  /** The OS pid shown in log lines; changes with each incarnation. */
  osPid: number;

  constructor(
    /** Network process id. */
    readonly pid: number,
    readonly name: string,
    readonly ip: string,
    readonly port: number,
    readonly cport: number,
    public config: ServerConfig,
    nodeId: string,
    /** Offset of this process's 100 ms cron within each period. */
    readonly cronPhaseMs: number,
  ) {
    this.nodeId = nodeId;
    this.osPid = 1000 + pid * 97;
  }

  /** First cron instant strictly after `now` on this process's phase. */
  nextCronAfter(now: number): number {
    const base = Math.floor(now / CLUSTER_CRON_PERIOD_MS) * CLUSTER_CRON_PERIOD_MS + this.cronPhaseMs;
    return base > now ? base : base + CLUSTER_CRON_PERIOD_MS;
  }
}
