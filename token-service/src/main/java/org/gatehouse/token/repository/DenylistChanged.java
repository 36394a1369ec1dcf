package org.gatehouse.token.repository;

/** Access tokens were denylisted in the current transaction (fired by {@link RevokedAccessTokenRepository}, observed after commit). */
public record DenylistChanged() {
}
