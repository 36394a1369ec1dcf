package org.gatehouse.authorization.login;

import java.time.Instant;

/**
 * The user behind a live login session.
 *
 * @param csrfToken synchronizer token every form of this session carries
 * @param authTime  when the user entered their password (OpenID Connect {@code auth_time})
 */
public record SignedInUser(String userId, String username, String csrfToken, Instant authTime) {
}
