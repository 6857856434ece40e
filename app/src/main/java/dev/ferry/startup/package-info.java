/**
 * What Ferry says when it cannot start: Spring Boot failure analyzers that turn the usual operator mistakes (a data
 * directory already in use, an unreachable or refusing MariaDB, a wrong secret key) into a short description and
 * the action to take, instead of a page of stack traces; and the private modes of Ferry's data directory and embedded
 * database, set before anything opens them.
 */
@NullMarked
package dev.ferry.startup;

import org.jspecify.annotations.NullMarked;
