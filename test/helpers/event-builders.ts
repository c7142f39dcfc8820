// Typed events for tests, with nodes by name: every name gets an index (and
// a node ID, as the cluster tests' fake env makes them) the first time any
// test uses it, shared by all tests of a file, so events built before a
// world exists name the same nodes as the world.

import { NodeNames } from '../../sim/events/names.ts';
import { NONE, type EventBody, type EventOf, type NodeIx, type SimEvent } from '../../sim/events/types.ts';
import { nodeId } from '../cluster/fake-env.ts';

/** The node ID fixture node `name` has. */
export const idOf = (name: string): string => nodeId(name.toLowerCase());

const NT = 3000;

/** Names and IDs of every test node. */
export const NAMES = new NodeNames();

/** The event index of fixture node `name` (registered on first use). */
export function ix(name: string): NodeIx {
  if (name === '' || name === '*') return NONE;
  const known = NAMES.ofName(name);
  if (known !== NONE) return known;
  const i = NAMES.count;
  NAMES.setName(i, name);
  NAMES.bindId(idOf(name), i);
  return i;
}

/** An event as the recorder would hold it: `body` done or seen by `node` at `t`. */
export function ev(t: number, node: string, body: EventBody): SimEvent {
  return { t, node: ix(node), ...body } as SimEvent;
}

/** Typed events for the checkers' tests, nodes by fixture name. */
export const E = {
  fault: (t: number, action: EventOf<'fault'>['action'], f: Partial<Omit<EventOf<'fault'>, 't' | 'node' | 'type' | 'action'>> = {}, on = ''): SimEvent =>
    ev(t, on, { type: 'fault', action, subject: ix(on), groups: [], from: [], to: [], oneway: false, all: false, forMs: -1, reset: false, latency: '', loss: -1, messageTypes: [], text: '', ...f }),
  groups: (...sides: string[][]): NodeIx[][] => sides.map((g) => g.map(ix)),
  command: (t: number, node: string, command: string, reply = 'OK'): SimEvent => ev(t, node, { type: 'command', command, reply }),
  pfail: (t: number, node: string, subject: string, noPongMs = 3001): SimEvent =>
    ev(t, node, { type: 'pfail', subject: ix(subject), noPongMs, silenceMs: noPongMs, timeoutMs: NT }),
  fail: (t: number, node: string, subject: string, reporters: string[], needed: number): SimEvent =>
    ev(t, node, { type: 'fail', subject: ix(subject), reporters: reporters.map(ix), needed }),
  roleSeen: (t: number, node: string, subject: string, master: string | null): SimEvent =>
    ev(t, node, { type: 'role-seen', subject: ix(subject), role: master === null ? 'master' : 'replica', master: master === null ? NONE : ix(master) }),
  resetHard: (t: number, node: string): SimEvent =>
    ev(t, node, { type: 'config-epoch', subject: ix(node), epoch: 0, reason: 'reset-hard', with: NONE, slot: -1 }),
  scheduled: (t: number, node: string, master: string, delayMs = 600, offset = 14): SimEvent =>
    ev(t, node, { type: 'election-scheduled', subject: ix(master), delayMs, fixedMs: 500, randomMs: delayMs - 500, rank: 0, offset, manual: false }),
  rank: (t: number, node: string, master: string, rank: number, addedMs: number): SimEvent =>
    ev(t, node, { type: 'election-rank', subject: ix(master), rank, addedMs }),
  failCleared: (t: number, node: string, subject: string): SimEvent => ev(t, node, { type: 'fail-cleared', subject: ix(subject), reason: 'replica' }),
  role: (t: number, node: string, master: string | null, wasReplicaOf = '', offset = -1): SimEvent =>
    ev(t, node, {
      type: 'role',
      subject: ix(node),
      role: master === null ? 'master' : 'replica',
      master: master === null ? NONE : ix(master),
      wasReplicaOf: wasReplicaOf ? ix(wasReplicaOf) : NONE,
      offset,
      reset: false,
    }),
  slotOwner: (t: number, node: string, owner: string, slots: number[], epoch: number): SimEvent =>
    ev(t, node, { type: 'slot-owner', subject: ix(owner), slots, epoch, reason: '' }),
  started: (t: number, node: string, master: string, epoch: number, needed = 2): SimEvent =>
    ev(t, node, { type: 'election-started', subject: ix(master), epoch, needed }),
  granted: (t: number, voter: string, candidate: string, epoch: number, master: string, forceAck = false): SimEvent =>
    ev(t, voter, { type: 'vote-granted', subject: ix(candidate), epoch, master: ix(master), forceAck }),
  received: (t: number, candidate: string, voter: string, epoch: number, count: number): SimEvent =>
    ev(t, candidate, { type: 'vote-received', subject: ix(voter), epoch, count }),
  won: (t: number, candidate: string, master: string, epoch: number, votes = 2, needed = 2): SimEvent =>
    ev(t, candidate, { type: 'election-won', subject: ix(master), epoch, votes, needed }),
  mfAccepted: (t: number, node: string, mode: 'default' | 'force' | 'takeover', master: string): SimEvent =>
    ev(t, node, { type: 'manual-failover', subject: ix(node), step: 'accepted', mode, master: ix(master), endMs: 0, offset: -1 }),
};

