/**
 * Notifications: when a transfer fails (or its verification does), a schedule misses a fire, a restore drill finds
 * an export not restorable, or optionally a transfer succeeds, Ferry writes one delivery per channel (a signed
 * webhook, an e-mail) to its outbox {@code FERRY_NOTIFY_DELIVERY}. Any node claims due deliveries one at a time and
 * sends them, retrying with exponential back-off; the transfer's own outcome never depends on them. Where they go is
 * set globally and per schedule ({@code FERRY_NOTIFY_TARGET}). {@link dev.ferry.notify.NotificationService} is the
 * feature's public face.
 */
@NullMarked
package dev.ferry.notify;

import org.jspecify.annotations.NullMarked;
