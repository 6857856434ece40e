/**
 * The exact text of a mysql-chain export's stored objects (triggers, procedures, functions, events), kept beside
 * mydumper's files and put back after myloader: mydumper 0.10 writes every {@code ;} that ends a line of a body as
 * {@code "; "}, so that myloader 0.10, which cuts statements at lines ending in {@code ;}, does not cut the body, and
 * the loaded body then keeps the added spaces.
 */
@NullMarked
package dev.ferry.objects;

import org.jspecify.annotations.NullMarked;
