// A world from a scenario text, driven step by step from a test: run the
// simulated redis-cli as the timeline would (same `@B` substitution), let
// time pass, start nodes, write keys on their owners, and compare what the
// tool printed with what the real redis-cli 7.0.15 printed
// (fixtures/real/, recorded by fixtures/record.sh).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_NODE_HANDSHAKE } from '../../sim/cluster/constants.ts';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import type { Reply } from '../../sim/core/reply.ts';
import { buildWorld } from '../../sim/run/build.ts';
import type { SimProcess } from '../../sim/run/process.ts';
import { substituteRedisCli } from '../../sim/run/substitute.ts';
import type { World } from '../../sim/run/world.ts';
import { formatScenarioError, loadScenario, splitArgs } from '../../sim/scenario/index.ts';
import { RedisCliTool, type RedisCliResult } from '../../sim/tools/redis-cli/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'real');

/** A recorded real output (ports 7000+, IDs as <id:PORT>). */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');
}

/** The exit code the real tool returned for a fixture. */
export function fixtureExit(name: string): number {
  const m = new RegExp(`^${name}: exit (\\d+)$`, 'm').exec(fixture('exit-codes'));
  if (!m) throw new Error(`no exit code recorded for ${name}`);
  return Number(m[1]);
}

export class CliHarness {
  readonly world: World;
  readonly tool: RedisCliTool;

  constructor(yaml: string, seed = 1) {
    const loaded = loadScenario('test.yaml', yaml);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatScenarioError).join('\n'));
    this.world = buildWorld(loaded.scenario, { seed, logLevel: 'warning' });
    this.world.sched.runUntil(0);
    const w = this.world;
    this.tool = new RedisCliTool(w, (name) => {
      const p = w.processes.find((q) => q.name === name);
      return p ? { id: p.nodeId, ip: p.ip, port: p.port } : undefined;
    });
  }

  get now(): number {
    return this.world.now;
  }

  p(name: string): SimProcess {
    return this.world.process(name);
  }

  id(name: string): string {
    return this.p(name).nodeId;
  }

  run(ms: number): void {
    this.world.sched.runUntil(this.world.now + ms);
  }

  start(name: string): void {
    this.world.start(this.p(name));
  }

  /** Run `redis-cli <line>` (with `@B` references) to its exit; time passes as it works. */
  cli(line: string, stdin = ''): RedisCliResult {
    const book = (name: string) => {
      const p = this.world.processes.find((q) => q.name === name);
      return p ? { id: p.nodeId, previousId: p.previousId ?? p.nodeId, ip: p.ip, port: p.port } : undefined;
    };
    const args = substituteRedisCli(splitArgs(line)!, book);
    let result: RedisCliResult | undefined;
    this.tool.run(args, { stdin }, (r) => (result = r));
    const limit = this.world.now + 600_000;
    while (result === undefined && this.world.now < limit) this.world.sched.runUntil(this.world.now + 50);
    if (result === undefined) throw new Error(`redis-cli ${line} did not finish in 10 simulated minutes`);
    return result;
  }

  /**
   * Let gossip finish: until every live node knows every other live node
   * (no handshake) and all agree on every slot's owner, or `maxMs` passed.
   */
  settle(maxMs = 30_000): boolean {
    const end = this.world.now + maxMs;
    for (;;) {
      const live = this.world.processes.filter((p) => p.server && this.world.isUp(p));
      const cs0 = live[0]!.server!.cs;
      const agreed = live.every((p) => {
        const cs = p.server!.cs;
        if (cs.nodes.size !== live.length || [...cs.nodes.values()].some((n) => n.flags & CLUSTER_NODE_HANDSHAKE)) return false;
        for (let j = 0; j < cs.slots.length; j++) if (cs.slots.owner(j)?.name !== cs0.slots.owner(j)?.name) return false;
        return true;
      });
      if (agreed) return true;
      if (this.world.now >= end) return false;
      this.run(100);
    }
  }

  /** Run a command on a node as an admin client; the reply (after time passes if it blocks). */
  cmd(name: string, ...argv: string[]): Reply {
    const srv = this.p(name).server;
    if (!srv) throw new Error(`${name} is not running`);
    const box: { reply?: Reply } = {};
    const immediate = srv.command(argv, { onReply: (r) => (box.reply = r) });
    if (immediate !== undefined) return immediate;
    for (let i = 0; i < 100_000 && box.reply === undefined; i++) this.run(10);
    if (box.reply === undefined) throw new Error(`${argv.join(' ')} on ${name} never replied`);
    return box.reply;
  }

  /** The master owning a key's slot by its own table. */
  ownerOf(key: string): SimProcess {
    const slot = keyHashSlot(key);
    const p = this.world.processes.find((q) => q.server && this.world.isUp(q) && q.server.cs.slots.owner(slot) === q.server.cs.myself);
    if (!p) throw new Error(`nobody owns slot ${slot}`);
    return p;
  }

  /** SET on the key's owner (what `redis-cli -c` ends up doing). */
  set(key: string, value: string): void {
    this.cmd(this.ownerOf(key).name, 'SET', key, value);
  }

  /** Node IDs as <id:PORT>, the way the fixtures were normalised. */
  mask(text: string): string {
    let out = text;
    for (const p of this.world.processes) {
      out = out.split(p.nodeId).join(`<id:${p.port}>`);
      if (p.previousId) out = out.split(p.previousId).join(`<id:${p.port}>`);
    }
    return out;
  }
}

/** Runs of lines printed once per node, in node-list order: `info` lines, open-slot warnings. */
const SORTED_GROUPS = [/^\S+:\d+ \(<id8>\.\.\.\) -> /, /^\[WARNING\] Node \S+ has slots in /];

/**
 * Make two outputs comparable where the real tool's order is an accident of
 * its hash tables: the `M:`/`S:` blocks of one listing and the per-master
 * lines of `info` are sorted, and 8-character ID prefixes are masked.
 */
export function canonical(text: string): string {
  const lines = text.replace(/\(([0-9a-f]{8})\.\.\.\)/g, '(<id8>...)').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (/^(M|S): /.test(line)) {
      const blocks: string[] = [];
      while (i < lines.length && /^(M|S): /.test(lines[i]!)) {
        let block = lines[i++]!;
        while (i < lines.length && /^ {3}\S/.test(lines[i]!)) block += `\n${lines[i++]!}`;
        blocks.push(block);
      }
      out.push(...blocks.sort());
    } else if (SORTED_GROUPS.some((re) => re.test(line))) {
      const re = SORTED_GROUPS.find((r) => r.test(line))!;
      const group: string[] = [];
      while (i < lines.length && re.test(lines[i]!)) group.push(lines[i++]!);
      out.push(...group.sort());
    } else {
      out.push(line);
      i++;
    }
  }
  return out.join('\n');
}

/** A scenario with every node bare (as redis-cli create expects them) plus added nodes. */
export function bareCluster(masters: number, replicas: number, add: readonly string[] = [], extra = ''): string {
  return [
    'name: tool-test',
    'duration: 10m',
    'cluster:',
    '  bootstrap: manual',
    `  masters: ${masters}`,
    `  replicas: ${replicas}`,
    ...(add.length ? [`  add: [${add.join(', ')}]`] : []),
    extra,
  ].join('\n');
}
