// Public surface of the workload module: what the runner, checkers and
// reports import (see README.md beside this file for the wiring).

export { Workloads, type WorkloadWindow } from './workloads.ts';
export type { WorkloadParams } from './generator.ts';
export type { WorkloadHost, NodeAddress, ClientNetwork, ClientEndpoint } from './env.ts';
export { History, type Op, type OpF, type OpResult, type Completion, type HistoryRow, type RecordType } from './history.ts';
export { ClusterClient, type ClientOptions, type ClientStats } from './cluster-client.ts';
export { Lane, type LaneOwner } from './lane.ts';
export { findLostWrites, type FinalState, type LostWrite } from './lost-writes.ts';
export { checkReads, type NodeSides, type ReadAnomaly, type ReadAnomalyKind, type ReadVerdict } from './read-check.ts';
export { checkListHistories, type ListAnomaly, type ListAnomalyKind, type ListVerdict } from './list-consistency.ts';
export {
  EventTimeline,
  type EventNames,
  type LossCause,
  type LossExplanation,
  type OwnershipTimeline,
} from './ownership-timeline.ts';
export { keyName } from './keys.ts';
export { parseClusterSlots, parseRedirect } from './slot-cache.ts';
