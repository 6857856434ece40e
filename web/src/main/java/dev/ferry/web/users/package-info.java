/**
 * The users page (ADMIN only): list, add, enable/disable, reset a password, change a role; guarded so that the
 * last enabled ADMIN stays and nobody disables themselves; every change audited.
 */
@NullMarked
package dev.ferry.web.users;

import org.jspecify.annotations.NullMarked;
