/**
 * Console pages of notifications: {@code /notifications} (the global target, ADMIN to change it, and the recent
 * deliveries with their attempts and errors) and {@code /schedules/{id}/notifications} (a schedule's own target).
 */
@NullMarked
package dev.ferry.web.notifications;

import org.jspecify.annotations.NullMarked;
