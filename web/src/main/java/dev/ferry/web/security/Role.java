package dev.ferry.web.security;

/** Ferry's roles: ADMIN manages users, settings and clusters; OPERATOR runs transfers; VIEWER reads. */
enum Role {

	ADMIN, OPERATOR, VIEWER

}
