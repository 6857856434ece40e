/**
 * Runs external data-transfer tools (mydumper, myloader, dumpling, tidb-lightning) as subprocesses inside Spring
 * Batch steps: an explicit argument list, environment and working directory, a log file, a timeout, polling that
 * commits progress on every poll, and stopping that takes the whole process tree down.
 */
@NullMarked
package dev.ferry.tool;

import org.jspecify.annotations.NullMarked;
