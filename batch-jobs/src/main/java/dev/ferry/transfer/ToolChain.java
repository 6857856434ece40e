package dev.ferry.transfer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.ClusterKind;
import dev.ferry.error.FerryException;

/** Which tools move the data: chosen by the cluster's kind, overridable per request. */
enum ToolChain {

	/** dumpling and tidb-lightning (through TiUP or standalone binaries). */
	TIDB,

	/** mydumper and myloader. */
	MYSQL;

	static ToolChain choose(@Nullable String requested, ClusterKind kind) {
		if (requested == null || requested.isBlank()) {
			return kind == ClusterKind.TIDB ? TIDB : MYSQL;
		}
		try {
			return valueOf(requested.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw FerryException.invalid("toolChain '" + requested + "' is invalid: use tidb or mysql");
		}
	}

	String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ToolChain of(@Nullable String parameter) {
		return parameter == null ? MYSQL : valueOf(parameter.toUpperCase(Locale.ROOT));
	}

}
