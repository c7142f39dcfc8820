// The tool's reading of CLUSTER NODES (clusterManagerNodeLoadInfo) on text a
// real 7.0.15 printed, the texts it builds from it, and printf's %.2f.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixed2, nodeInfo, slotsString } from '../../sim/tools/redis-cli/format.ts';
import { CliNode, FLAG_SLAVE, loadNodesText } from '../../sim/tools/redis-cli/node.ts';

const REAL = join(import.meta.dirname, '..', 'fixtures', 'real-redis-formats', 'steady');
/** CLUSTER NODES as 31001 of the recorded real cluster printed it (see that fixture's README). */
const nodes31001 = readFileSync(join(REAL, 'nodes-31001.txt'), 'utf8');

describe('loadNodesText on a real CLUSTER NODES reply', () => {
  it('reads myself: slots (0-99, 101-5460), the migrating slot, the flags as printed', () => {
    const n = new CliNode('127.0.0.1', 31001);
    expect(loadNodesText(n, nodes31001, true).ok).toBe(true);
    expect(n.name).toBe('c1f9166e6ed950c57f0d04c2d48f1347072b9713');
    expect(n.slotsCount).toBe(5460);
    expect(n.slots[100]).toBe(0);
    expect(slotsString(n.slots)).toBe('[0-99],[101-5460]');
    expect(n.migrating).toEqual([['3300', 'fcfc3b295f1f4e8c8529ded9a0a493b3b731c7be']]);
    expect(n.flagsStr).toEqual(['myself', 'master']);
    expect(n.busPort).toBe(41001);
  });

  it('reads the other lines as friends: address, replica-of, epochs; no slots for them', () => {
    const n = new CliNode('127.0.0.1', 31001);
    loadNodesText(n, nodes31001, true);
    const friends = n.friends!;
    expect(friends.map((f) => `${f.ip}:${f.port}`)).toEqual(['127.0.0.1:31005', '127.0.0.1:31002', '127.0.0.1:31006', '127.0.0.1:31004', '127.0.0.1:31003']);
    const r5 = friends[0]!;
    expect(r5.flags & FLAG_SLAVE).toBeTruthy();
    expect(r5.replicate).toBe('f2710f34e5d5f5dc7b1fae3722f28973d6e3451d');
    expect(r5.currentEpoch).toBe(3);
    // The hostname after the comma is not part of the port (parseClusterNodeAddress reads the bus port with atoi).
    expect(friends[4]!.busPort).toBe(41003);
    expect(friends.every((f) => f.slotsCount === 0)).toBe(true);
  });

  it('without friends it stops at its own line', () => {
    const n = new CliNode('127.0.0.1', 31001);
    loadNodesText(n, nodes31001, false);
    expect(n.friends).toBeNull();
    expect(n.slotsCount).toBe(5460);
  });

  it('prints the M: block as check does', () => {
    const n = new CliNode('127.0.0.1', 31001);
    loadNodesText(n, nodes31001, true);
    n.replicasCount = 1;
    expect(nodeInfo(n, 0)).toBe('M: c1f9166e6ed950c57f0d04c2d48f1347072b9713 127.0.0.1:31001\n   slots:[0-99],[101-5460] (5460 slots) master\n   1 additional replica(s)');
  });
});

describe('fixed2 is printf("%.2f")', () => {
  it.each([0, 0.01220703125, 0.125, 0.375, 1.005, 2, 4, 6, 0.015625, 12.5])('%s', (x) => {
    // The C library's own answer (glibc rounds exact ties to even; toFixed would round them up).
    const c = execFileSync('printf', ['%.2f', String(x)], { encoding: 'utf8' });
    expect(fixed2(x)).toBe(c);
  });
});
