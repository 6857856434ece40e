/** Authentication and authorization: users in FERRY_USER, the first admin, the filter chains. */
@NullMarked
package dev.ferry.web.security;

import org.jspecify.annotations.NullMarked;
