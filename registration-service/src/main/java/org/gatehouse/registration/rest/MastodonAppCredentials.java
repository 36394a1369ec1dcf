package org.gatehouse.registration.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The app as Mastodon's {@code GET /api/v1/apps/verify_credentials} shows it to the token's holder: no
 * credentials. {@code scopes} are the ones the token carries.
 *
 * @see <a href="https://docs.joinmastodon.org/methods/apps/#verify_credentials">Mastodon API: verify_credentials</a>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MastodonAppCredentials(String name, String website, List<String> scopes) {
}
