package dev.ferry.cluster;

import java.util.Optional;

/**
 * Something that still needs a cluster, asked before the cluster is deleted: a running transfer would lose its
 * credentials mid-way, a schedule would fire into nothing.
 */
public interface ClusterUsage {

	/**
	 * @return what still uses the cluster, as a phrase that completes "cluster X is still used by …" (for example
	 * "2 queued or running transfers"), or empty when nothing does
	 */
	Optional<String> describeUse(long clusterId);

}
