/**
 * Personal API tokens: the console page where users create, list and revoke their own, and the lookup the API's
 * bearer authentication uses. Tokens are stored only as SHA-256 hashes.
 */
@NullMarked
package dev.ferry.web.tokens;

import org.jspecify.annotations.NullMarked;
