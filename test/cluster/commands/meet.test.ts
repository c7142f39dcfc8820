// CLUSTER MEET and its address handling. The normalised forms below are
// what a real 7.0.15 showed in CLUSTER NODES for each MEET address (glibc
// inet_pton + inet_ntop); the replies are in real-replies too.

import { describe, expect, it } from 'vitest';
import { formatIPv6, normalizeIp, parseIPv6 } from '../../../sim/cluster/commands/inet.ts';
import { CLUSTER_NODE_HANDSHAKE, CLUSTER_NODE_MEET } from '../../../sim/cluster/constants.ts';
import { nodeInHandshake } from '../../../sim/cluster/node.ts';
import { B, cluster, events, loneMaster, threeShards } from './helpers.ts';

const handshakeNodes = (t: ReturnType<typeof loneMaster>) => [...t.cs.nodes.values()].filter(nodeInHandshake);

describe('CLUSTER MEET', () => {
  it('MEET adds a HANDSHAKE|MEET node with a random name at the address', () => {
    const t = loneMaster();
    expect(cluster(t, 'MEET', '127.0.0.1', '30002')).toBe('OK');
    const [n] = handshakeNodes(t);
    expect(n!.flags).toBe(CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_MEET);
    expect([n!.ip, n!.port, n!.cport]).toEqual(['127.0.0.1', 30002, 40002]);
    expect(n!.name).toMatch(/^[0-9a-f]{40}$/);
    expect(n!.ctime).toBe(t.env.now);
    // Nothing is sent: the cron connects and the connect handler sends MEET.
    expect(t.env.sent).toEqual([]);
    expect(events(t, 'handshake')).toEqual([`${n!.name} step=started addr=127.0.0.1:30002@40002`]);
  });

  it('a handshake in progress for the same address is reused, silently', () => {
    const t = loneMaster();
    cluster(t, 'MEET', '10.0.0.1', '7000');
    expect(cluster(t, 'MEET', '10.0.0.1', '7000', '17000')).toBe('OK');
    expect(handshakeNodes(t)).toHaveLength(1);
    // Another bus port is another address.
    cluster(t, 'MEET', '10.0.0.1', '7000', '17001');
    expect(handshakeNodes(t)).toHaveLength(2);
  });

  it('ports are C ints: 4294974296 is port 7000', () => {
    const t = loneMaster();
    expect(cluster(t, 'MEET', '10.0.0.1', '4294974296')).toBe('OK');
    expect(handshakeNodes(t).map((n) => `${n.port}@${n.cport}`)).toEqual(['7000@17000']);
  });

  it('MEET does not consult the FORGET blacklist', () => {
    const t = threeShards();
    cluster(t, 'FORGET', B);
    expect(cluster(t, 'MEET', '127.0.0.1', '30002')).toBe('OK');
    expect(handshakeNodes(t)).toHaveLength(1);
  });

  it('a known node at the address does not stop a new handshake', () => {
    const t = threeShards();
    expect(cluster(t, 'MEET', '127.0.0.1', '30002')).toBe('OK');
    expect(handshakeNodes(t)).toHaveLength(1);
  });
});

describe('MEET address normalisation (glibc inet_pton/inet_ntop)', () => {
  const seen: [string, string][] = [
    ['0:0::1', '::1'],
    ['::FFFF:1.2.3.4', '::ffff:1.2.3.4'],
    ['0:0:0:0:0:ffff:102:304', '::ffff:1.2.3.4'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['1:0:0:0:1:0:0:1', '1::1:0:0:1'],
    ['::1:2:3:4:5:6:7', '0:1:2:3:4:5:6:7'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['::ffff:0:1', '::ffff:0.0.0.1'],
    ['::0.0.0.2', '::2'],
    ['::1.2.3.4', '::1.2.3.4'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['ABCD:EF::0001', 'abcd:ef::1'],
    ['::', '::'],
    ['1::', '1::'],
    ['0.0.0.0', '0.0.0.0'],
  ];
  for (const [input, shown] of seen) {
    it(`${input} is shown as ${shown}`, () => expect(normalizeIp(input)).toBe(shown));
  }

  const rejected = ['01.2.3.4', '1.2.3', '1.2.3.4.5', '256.1.1.1', 'foo', '', '1::2::3', ':1:2', '1:2', '12345::', '1:2:3:4:5:6:7:8:9', '::ffff:1.2.3', 'fe80::1%lo', '1:2:3:4:5:6:7:8::'];
  for (const input of rejected) {
    it(`${JSON.stringify(input)} is not an address`, () => expect(normalizeIp(input)).toBeNull());
  }

  it('formatting what was parsed is stable', () => {
    for (const [, shown] of seen) if (shown.includes(':')) expect(formatIPv6(parseIPv6(shown)!)).toBe(shown);
  });
});
