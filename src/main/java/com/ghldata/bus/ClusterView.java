package com.ghldata.bus;

/** What this node sees of its cluster: readiness and the cluster gauges read it. */
public interface ClusterView {
  /** Whether the node runs in a cluster at all (else it is alone, on a local bus). */
  boolean clustered();

  /** False once a clustered node has lost or left its cluster. */
  boolean member();

  /** Members seen, this node included. */
  int members();

  /** Worker nodes heard from lately (see {@link WorkerPresence}). */
  int workers();
}
