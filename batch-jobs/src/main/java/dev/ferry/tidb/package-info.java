/**
 * The {@code tidb} tool chain's builders, as TiUniManager ran them: the dumpling argument list
 * ({@link dev.ferry.tidb.DumplingCommand}), the {@code tidb-lightning.toml} text and its private file
 * ({@link dev.ferry.tidb.LightningConfig}), the lightning argument list ({@link dev.ferry.tidb.LightningCommand}) and
 * where data lives ({@link dev.ferry.tidb.DataLocation}). Pure builders: no Spring, no I/O except
 * {@link dev.ferry.tidb.LightningConfig#writeTo(java.nio.file.Path)}.
 */
@NullMarked
package dev.ferry.tidb;

import org.jspecify.annotations.NullMarked;
