package dev.ferry.cluster;

/** What a cluster is; it chooses the default tool chain. */
public enum ClusterKind {

	/** TiDB: the {@code tidb} chain (dumpling, tidb-lightning). */
	TIDB,

	/** MySQL or MariaDB: the {@code mysql} chain (mydumper, myloader). */
	MYSQL

}
