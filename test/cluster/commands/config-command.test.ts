// CONFIG SET's effects beyond the reply: what is stored, what the apply
// callback hears, and what clusterConfigApplied changes in the cluster
// state (config.c's apply functions). Reply texts are in real-replies.

import { describe, expect, it } from 'vitest';
import { clusterConfigApplied, configCommand } from '../../../sim/cluster/commands/config-command.ts';
import { RuntimeConfig, type ServerConfig } from '../../../sim/config/index.ts';
import {
  CLUSTER_NODE_NOFAILOVER,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../../../sim/cluster/constants.ts';
import { replyToLine } from '../../../sim/core/reply.ts';
import { A1, threeShards } from './helpers.ts';

function setup() {
  const t = threeShards(A1);
  const heard: (keyof ServerConfig)[][] = [];
  const rc = new RuntimeConfig(t.cs.config);
  const config = (...args: string[]): string =>
    replyToLine(
      configCommand(rc, ['CONFIG', ...args], (changed) => {
        heard.push([...changed]);
        clusterConfigApplied(t.cs, changed);
      }),
    );
  return { t, heard, config };
}

describe('CONFIG SET', () => {
  it('stores typed values under the model field names', () => {
    const { t, config } = setup();
    expect(config('SET', 'cluster-node-timeout', '3000', 'cluster-require-full-coverage', 'no', 'repl-backlog-size', '2mb')).toBe('OK');
    expect(t.cs.config.clusterNodeTimeout).toBe(3000);
    expect(t.cs.config.clusterRequireFullCoverage).toBe(false);
    expect(t.cs.config.replBacklogSize).toBe(2 * 1024 * 1024);
    expect(config('SET', 'cluster-preferred-endpoint-type', 'Unknown-Endpoint')).toBe('OK');
    expect(t.cs.config.clusterPreferredEndpointType).toBe('unknown-endpoint');
  });

  it('a failed SET changes nothing and calls nothing', () => {
    const { t, heard, config } = setup();
    expect(config('SET', 'cluster-node-timeout', '3000', 'hz', '-1')).toMatch(/^-ERR CONFIG SET failed/);
    expect(t.cs.config.clusterNodeTimeout).toBe(15000);
    expect(heard).toEqual([]);
  });

  it('the apply callback hears only fields whose value changed, once each', () => {
    const { heard, config } = setup();
    config('SET', 'cluster-node-timeout', '15000', 'hz', '20');
    config('SET', 'cluster-slave-validity-factor', '3', 'cluster-replica-validity-factor', '4');
    config('SET', 'hz', '20');
    expect(heard).toEqual([['hz'], ['clusterReplicaValidityFactor']]);
  });

  it('a reported-only parameter is stored for CONFIG GET alone: the record and the apply callback never see it', () => {
    const { t, heard, config } = setup();
    const before = { ...t.cs.config };
    expect(config('SET', 'maxmemory', '1mb', 'timeout', '5')).toBe('OK');
    expect(config('GET', 'maxmemory', 'timeout')).toBe('["maxmemory","1048576","timeout","5"]');
    expect(t.cs.config).toEqual(before);
    expect(heard).toEqual([]);
  });

  it('cluster-replica-no-failover sets and clears NOFAILOVER on myself', () => {
    const { t, config } = setup();
    t.cs.todoBeforeSleep = 0;
    config('SET', 'cluster-slave-no-failover', 'yes');
    expect(t.cs.myself.flags & CLUSTER_NODE_NOFAILOVER).toBe(CLUSTER_NODE_NOFAILOVER);
    expect(t.cs.todoBeforeSleep).toBe(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
    config('SET', 'cluster-replica-no-failover', 'no');
    expect(t.cs.myself.flags & CLUSTER_NODE_NOFAILOVER).toBe(0);
  });

  it('cluster-announce-ip and -hostname become my address and hostname', () => {
    const { t, config } = setup();
    config('SET', 'cluster-announce-ip', '10.1.2.3', 'cluster-announce-hostname', 'a1.example');
    expect(t.cs.myself.ip).toBe('10.1.2.3');
    expect(t.cs.myself.hostname).toBe('a1.example');
    config('SET', 'cluster-announce-ip', '');
    expect(t.cs.myself.ip).toBe('');
  });
});

describe('CONFIG GET', () => {
  it('reads what SET stored, in the 7.0 text forms', () => {
    const { config } = setup();
    config('SET', 'cluster-link-sendbuf-limit', '1k', 'appendonly', 'YES');
    expect(config('GET', 'cluster-link-sendbuf-limit', 'appendonly')).toBe('["cluster-link-sendbuf-limit","1000","appendonly","yes"]');
  });
});
