// clusterCommand's dispatch: the subcommand table against 7.0.15's
// commands.c, case-insensitivity, and cluster mode off. Texts of the three
// error kinds (unknown subcommand, table arity, branch argc) are checked
// against a real server in real-replies.

import { describe, expect, it } from 'vitest';
import { arityFits, CLUSTER_SUBCOMMANDS, clusterCommand } from '../../../sim/cluster/commands/cluster-command.ts';
import { replyToLine } from '../../../sim/core/reply.ts';
import { cluster, loneMaster } from './helpers.ts';

/** CLUSTER_Subcommands arities in 7.0.15's src/commands.c. */
const REDIS_7_0_15_ARITY: Record<string, number> = {
  addslots: -3, addslotsrange: -4, bumpepoch: 2, 'count-failure-reports': 3, countkeysinslot: 3,
  delslots: -3, delslotsrange: -4, failover: -2, flushslots: 2, forget: 3, getkeysinslot: 4, help: 2,
  info: 2, keyslot: 3, links: 2, meet: -4, myid: 2, nodes: 2, replicas: 3, replicate: 3, reset: -2,
  saveconfig: 2, 'set-config-epoch': 3, setslot: -4, shards: 2, slaves: 3, slots: 2,
};

describe('CLUSTER dispatch', () => {
  it('the subcommand table is 7.0.15 with its arities', () => {
    const table = Object.fromEntries([...CLUSTER_SUBCOMMANDS].map(([name, s]) => [name, s.arity]));
    expect(table).toEqual(REDIS_7_0_15_ARITY);
  });

  it("a branch accepts every argc its table arity lets through, or answers 'unknown subcommand or wrong number'", () => {
    const t = loneMaster();
    for (const [name, sub] of CLUSTER_SUBCOMMANDS) {
      for (let argc = 2; argc <= 7; argc++) {
        if (!arityFits(sub.arity, argc) || sub.argcOk(argc)) continue;
        const argv = [name, ...Array.from({ length: argc - 2 }, () => 'x')];
        expect(cluster(t, ...argv)).toBe(`-ERR unknown subcommand or wrong number of arguments for '${name}'. Try CLUSTER HELP.`);
      }
    }
  });

  it('subcommands and their keywords are case-insensitive', () => {
    const t = loneMaster();
    expect(cluster(t, 'AddSlotsRange', '0', '9')).toBe('OK');
    expect(cluster(t, 'SetSlot', '0', 'Stable')).toBe('OK');
    expect(cluster(t, 'kEySlOt', 'foo')).toBe('(integer) 12182');
  });

  it('with cluster mode off every subcommand is refused after the arity check', () => {
    const t = loneMaster();
    const off = (...argv: string[]) =>
      replyToLine(clusterCommand({ cs: t.cs, saveConfigNow: () => {}, clusterEnabled: false }, ['CLUSTER', ...argv]));
    expect(off('INFO')).toBe('-ERR This instance has cluster support disabled');
    expect(off('HELP')).toBe('-ERR This instance has cluster support disabled');
    expect(off('MEET', '1.2.3.4')).toBe("-ERR wrong number of arguments for 'cluster|meet' command");
    expect(off('NOPE')).toBe("-ERR unknown subcommand 'NOPE'. Try CLUSTER HELP.");
  });

  it('long or multi-line subcommand names stay one protocol line', () => {
    const t = loneMaster();
    expect(cluster(t, 'a\r\nb')).toBe("-ERR unknown subcommand 'a  b'. Try CLUSTER HELP.");
    expect(cluster(t, 'z'.repeat(200))).toBe(`-ERR unknown subcommand '${'z'.repeat(128)}'. Try CLUSTER HELP.`);
  });
});
