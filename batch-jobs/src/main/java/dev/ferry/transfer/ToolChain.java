package dev.ferry.transfer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.ClusterKind;
import dev.ferry.error.FerryException;

/** Which tools move the data: chosen by the cluster's kind, overridable per request. */
public enum ToolChain {

	/** dumpling and tidb-lightning (through TiUP or standalone binaries). */
	TIDB,

	/** mydumper and myloader. */
	MYSQL,

	/** Ferry's own engine ({@code dev.ferry.engine}): export only for now. */
	NATIVE;

	static ToolChain choose(@Nullable String requested, ClusterKind kind) {
		if (requested == null || requested.isBlank()) {
			return kind == ClusterKind.TIDB ? TIDB : MYSQL;
		}
		try {
			return valueOf(requested.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw FerryException.invalid("toolChain '" + requested + "' is invalid: use tidb, mysql or native");
		}
	}

	/** The value of the {@code toolChain} job parameter. */
	public String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The chain a job's {@code toolChain} parameter names ({@code mysql} when absent: records of older versions). */
	public static ToolChain of(@Nullable String parameter) {
		return parameter == null ? MYSQL : valueOf(parameter.toUpperCase(Locale.ROOT));
	}

}
