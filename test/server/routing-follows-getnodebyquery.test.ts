// Client routing as getNodeByQuery decides it (spec §15.2), with the exact
// replies. The slot-migration cases are the ones verified on a real 7.0.15
// cluster (spec §15.2 "Verified on 7.0.15"): migrated key at source → ASK;
// present key at source → served; MGET of one present + one migrated key at
// source → TRYAGAIN; missing key at source → ASK; at target without ASKING →
// MOVED to source; with ASKING → served, for one command only; MGET at
// target with ASKING and one key missing → TRYAGAIN.

import { beforeAll, describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster, NetClient, type TestCluster } from './cluster-world.ts';

const line = (r: ReturnType<TestCluster['cmd']>): string => (r === undefined ? '(blocked)' : replyToLine(r));

/** Send commands one after another on one connection and return their replies as lines. */
function session(t: TestCluster, node: string, ...cmds: string[][]): string[] {
  const c = new NetClient(t.w, `client-${node}-${t.w.now}`, t.P(node));
  const ids = cmds.map((argv) => c.send(...argv));
  t.run(50);
  return ids.map((id) => {
    const r = c.reply(id);
    return r === undefined ? '(none)' : replyToLine(r);
  });
}

describe('routing during a slot migration (slot 3300 from A to B)', () => {
  let t: TestCluster;
  beforeAll(() => {
    t = formedCluster();
    const a = t.srv('A').cs.myself.name;
    const b = t.srv('B').cs.myself.name;
    expect(keyHashSlot('{b}present')).toBe(3300);
    // Keys first: once the slot is MIGRATING, a write of a missing key is sent to the target.
    expect(line(t.cmd('A', 'SET', '{b}present', 'here'))).toBe('OK');
    expect(line(t.cmd('A', 'SET', '{b}moved', 'there'))).toBe('OK');
    expect(line(t.cmd('B', 'CLUSTER', 'SETSLOT', '3300', 'IMPORTING', a))).toBe('OK');
    expect(line(t.cmd('A', 'CLUSTER', 'SETSLOT', '3300', 'MIGRATING', b))).toBe('OK');
    expect(line(t.cmd('A', 'SET', '{b}new', 'x'))).toBe('-ASK 3300 127.0.0.1:7001');
    let migrated: string | undefined;
    t.srv('A').command(['MIGRATE', '127.0.0.1', '7001', '{b}moved', '0', '1000'], { onReply: (r) => (migrated = replyToLine(r)) });
    t.run(50);
    expect(migrated).toBe('OK');
  });

  it('migrated key at the source → ASK to the target', () => {
    expect(line(t.cmd('A', 'GET', '{b}moved'))).toBe('-ASK 3300 127.0.0.1:7001');
  });
  it('present key at the source → served', () => {
    expect(line(t.cmd('A', 'GET', '{b}present'))).toBe('"here"');
  });
  it('MGET of one present and one migrated key at the source → TRYAGAIN', () => {
    expect(line(t.cmd('A', 'MGET', '{b}present', '{b}moved'))).toBe('-TRYAGAIN Multiple keys request during rehashing of slot');
  });
  it('missing key at the source → ASK', () => {
    expect(line(t.cmd('A', 'GET', '{b}never'))).toBe('-ASK 3300 127.0.0.1:7001');
  });
  it('at the target without ASKING → MOVED to the source', () => {
    expect(line(t.cmd('B', 'GET', '{b}moved'))).toBe('-MOVED 3300 127.0.0.1:7000');
  });
  it('at the target with ASKING → served, and ASKING applies to one command only', () => {
    expect(session(t, 'B', ['ASKING'], ['GET', '{b}moved'], ['GET', '{b}moved'])).toEqual(['OK', '"there"', '-MOVED 3300 127.0.0.1:7000']);
  });
  it('MGET at the target with ASKING and one key missing → TRYAGAIN', () => {
    expect(session(t, 'B', ['ASKING'], ['MGET', '{b}moved', '{b}present'])).toEqual([
      'OK',
      '-TRYAGAIN Multiple keys request during rehashing of slot',
    ]);
  });
  it('an ASKING that meets an error is used up all the same', () => {
    expect(session(t, 'B', ['ASKING'], ['GET'], ['GET', '{b}moved'])).toEqual([
      'OK',
      "-ERR wrong number of arguments for 'get' command",
      '-MOVED 3300 127.0.0.1:7000',
    ]);
  });
  it('MIGRATE of another key of the open slot runs at the source', () => {
    let r: string | undefined;
    t.srv('A').command(['MIGRATE', '127.0.0.1', '7001', '{b}present', '0', '1000', 'COPY'], { onReply: (x) => (r = replyToLine(x)) });
    t.run(50);
    expect(r).toBe('OK');
    expect(line(t.cmd('A', 'GET', '{b}present'))).toBe('"here"');
  });
});

describe('routing in a stable cluster', () => {
  let t: TestCluster;
  beforeAll(() => {
    t = formedCluster();
    t.cmd('A', 'SET', 'b', 'v');
    t.run(100);
  });

  it('a key of another master → MOVED to it', () => {
    expect(line(t.cmd('B', 'GET', 'b'))).toBe('-MOVED 3300 127.0.0.1:7000');
  });
  it('keys of two slots → CROSSSLOT, wherever they are', () => {
    expect(line(t.cmd('A', 'MGET', 'a', 'b'))).toBe("-CROSSSLOT Keys in request don't hash to the same slot");
  });
  it('commands without keys are served anywhere', () => {
    expect(line(t.cmd('B', 'PING'))).toBe('PONG');
    expect(line(t.cmd('B', 'DBSIZE'))).toBe('(integer) 0');
  });
  it('unknown commands and bad arity are refused before routing', () => {
    expect(line(t.cmd('B', 'GETX', 'b'))).toBe("-ERR unknown command 'GETX', with args beginning with: 'b' ");
    expect(line(t.cmd('B', 'GET', 'b', 'c'))).toBe("-ERR wrong number of arguments for 'get' command");
  });
  it('a replica redirects reads to its master unless the client sent READONLY', () => {
    expect(line(t.cmd('A1', 'GET', 'b'))).toBe('-MOVED 3300 127.0.0.1:7000');
    expect(session(t, 'A1', ['READONLY'], ['GET', 'b'], ['READWRITE'], ['GET', 'b'])).toEqual([
      'OK',
      '"v"',
      'OK',
      '-MOVED 3300 127.0.0.1:7000',
    ]);
  });
  it('writes on a replica → MOVED to the master, READONLY or not', () => {
    expect(session(t, 'A1', ['READONLY'], ['SET', 'b', 'x'])).toEqual(['OK', '-MOVED 3300 127.0.0.1:7000']);
  });
  it("a READONLY read of another master's slot on a replica → MOVED", () => {
    expect(session(t, 'A1', ['READONLY'], ['GET', 'a'])).toEqual(['OK', `-MOVED ${keyHashSlot('a')} 127.0.0.1:7002`]);
  });
});

describe('routing when slots are unserved or the cluster is down', () => {
  let t: TestCluster;
  let unserved = '';
  let served = '';
  beforeAll(() => {
    t = formedCluster();
    for (let i = 0; unserved === '' || served === ''; i++) {
      const k = `k${i}`;
      if (keyHashSlot(k) === 16000) unserved = k;
      else if (keyHashSlot(k) >= 10922) served = k;
    }
    expect(line(t.cmd('C', 'CLUSTER', 'DELSLOTS', '16000'))).toBe('OK');
    t.run(100);
  });

  it('a slot nobody serves → CLUSTERDOWN Hash slot not served', () => {
    expect(line(t.cmd('C', 'GET', unserved))).toBe('-CLUSTERDOWN Hash slot not served');
  });
  it('with full coverage required and a slot lost, keyed commands get CLUSTERDOWN The cluster is down', () => {
    expect(t.srv('C').cs.state).not.toBe(0);
    expect(line(t.cmd('C', 'GET', served))).toBe('-CLUSTERDOWN The cluster is down');
    expect(line(t.cmd('C', 'PING'))).toBe('PONG');
  });
  it('cluster-allow-reads-when-down lets reads through and refuses writes', () => {
    expect(line(t.cmd('C', 'CONFIG', 'SET', 'cluster-allow-reads-when-down', 'yes'))).toBe('OK');
    expect(line(t.cmd('C', 'GET', served))).toBe('(nil)');
    expect(line(t.cmd('C', 'SET', served, 'v'))).toBe('-CLUSTERDOWN The cluster is down and only accepts read commands');
  });
});
