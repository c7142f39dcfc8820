// redis-cli's command line as parseOptions() reads it for --cluster: the
// subcommand, its arguments (every word up to the first one starting with
// "-"), and the --cluster-* options anywhere after. Defaults and value
// conversions (atoi, atof) are redis-cli's; and node arguments given as
// `ip:port` or as `ip port` (getClusterHostFromCmdArgs).

import { atoi, parseClusterNodeAddress } from './node.ts';

export const CLUSTER_MANAGER_MIGRATE_TIMEOUT = 60000;
export const CLUSTER_MANAGER_MIGRATE_PIPELINE = 10;
export const CLUSTER_MANAGER_REBALANCE_THRESHOLD = 2;

/** config.cluster_manager_command. */
export interface ClusterManagerCommand {
  name: string;
  argv: string[];
  replicas: number;
  masterId: string | null;
  from: string | null;
  to: string | null;
  slots: number;
  timeout: number;
  pipeline: number;
  threshold: number;
  weights: string[] | null;
  yes: boolean;
  slave: boolean;
  useEmptyMasters: boolean;
  simulate: boolean;
  replace: boolean;
  searchMultipleOwners: boolean;
  fixWithUnreachableMasters: boolean;
  verbose: boolean;
  /** Set by `fix` (CLUSTER_MANAGER_CMD_FLAG_FIX). */
  fix: boolean;
}

export type ParseResult = { ok: true; cmd: ClusterManagerCommand } | { ok: false; stderr: string };

/** Parse `--cluster <sub> args… [--cluster-… …]` (a leading `redis-cli` word is allowed). */
export function parseClusterArgs(argsIn: readonly string[]): ParseResult {
  const args = argsIn[0] === 'redis-cli' ? argsIn.slice(1) : [...argsIn];
  const cmd: ClusterManagerCommand = {
    name: '',
    argv: [],
    replicas: 0,
    masterId: null,
    from: null,
    to: null,
    slots: 0,
    timeout: CLUSTER_MANAGER_MIGRATE_TIMEOUT,
    pipeline: CLUSTER_MANAGER_MIGRATE_PIPELINE,
    threshold: CLUSTER_MANAGER_REBALANCE_THRESHOLD,
    weights: null,
    yes: false,
    slave: false,
    useEmptyMasters: false,
    simulate: false,
    replace: false,
    searchMultipleOwners: false,
    fixWithUnreachableMasters: false,
    verbose: false,
    fix: false,
  };
  let seenCluster = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const last = i === args.length - 1;
    const value = (): string => args[++i]!;
    if (a === '--cluster' && !last) {
      if (seenCluster) return { ok: false, stderr: 'redis-cli: --cluster given twice\n' };
      seenCluster = true;
      cmd.name = value();
      let j = i + 1;
      while (j < args.length && !args[j]!.startsWith('-')) j++;
      cmd.argv = args.slice(i + 1, j);
      i = j - 1;
    } else if (a === '--cluster-replicas' && !last) cmd.replicas = atoi(value());
    else if (a === '--cluster-master-id' && !last) cmd.masterId = value();
    else if (a === '--cluster-from' && !last) cmd.from = value();
    else if (a === '--cluster-to' && !last) cmd.to = value();
    else if (a === '--cluster-slots' && !last) cmd.slots = atoi(value());
    else if (a === '--cluster-timeout' && !last) cmd.timeout = atoi(value());
    else if (a === '--cluster-pipeline' && !last) cmd.pipeline = atoi(value());
    else if (a === '--cluster-threshold' && !last) cmd.threshold = Math.fround(Number.parseFloat(value()) || 0);
    else if (a === '--cluster-weight' && !last) {
      if (cmd.weights !== null) {
        return {
          ok: false,
          stderr:
            'WARNING: you cannot use --cluster-weight more than once.\nYou can set more weights by adding them as a space-separated list, ie:\n--cluster-weight n1=w n2=w\n',
        };
      }
      const weights: string[] = [];
      for (let j = i + 1; j < args.length && !args[j]!.startsWith('--') && args[j]!.includes('='); j++) weights.push(args[j]!);
      if (weights.length > 0) {
        cmd.weights = weights;
        i += weights.length;
      }
    } else if (a === '--cluster-yes') cmd.yes = true;
    else if (a === '--cluster-simulate') cmd.simulate = true;
    else if (a === '--cluster-replace') cmd.replace = true;
    else if (a === '--cluster-slave') cmd.slave = true;
    else if (a === '--cluster-use-empty-masters') cmd.useEmptyMasters = true;
    else if (a === '--cluster-search-multiple-owners') cmd.searchMultipleOwners = true;
    else if (a === '--cluster-fix-with-unreachable-masters') cmd.fixWithUnreachableMasters = true;
    else if (a === '--verbose') cmd.verbose = true;
    else if (seenCluster && !a.startsWith('-')) {
      // Arguments after options count only if the subcommand had none; else a bare word ends parsing.
      if (cmd.argv.length > 0) break;
      let j = i;
      while (j < args.length && !args[j]!.startsWith('-')) j++;
      cmd.argv = args.slice(i, j);
      i = j - 1;
    } else return { ok: false, stderr: `Unrecognized option or bad number of args for: '${a}'\n` };
  }
  if (!seenCluster) return { ok: false, stderr: 'redis-cli: only --cluster is simulated\n' };
  return { ok: true, cmd };
}

/** What redis-cli prints when a node argument is neither `ip:port` nor `ip port`. */
export const INVALID_HOST_ARG =
  '[ERR] Invalid arguments: you need to pass either a valid address (ie. 120.0.0.1:7000) or space separated IP and port (ie. 120.0.0.1 7000)\n';

/** getClusterHostFromCmdArgs: a node given as one `ip:port` argument or as two (`ip port`). */
export function hostFromArgs(argv: readonly string[]): { ip: string; port: number } | null {
  let ip: string;
  let port: number;
  if (argv.length === 1) {
    const a = parseClusterNodeAddress(argv[0]!);
    if (!a) return null;
    ip = a.ip;
    port = a.port;
  } else if (argv.length >= 2) {
    ip = argv[0]!;
    port = atoi(argv[1]!);
  } else return null;
  return ip && port ? { ip, port } : null;
}
