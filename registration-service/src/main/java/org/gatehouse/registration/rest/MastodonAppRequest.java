package org.gatehouse.registration.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.client.ClientMetadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The body of Mastodon's {@code POST /api/v1/apps}, as JSON or form fields. {@code redirect_uris} is either one
 * string holding URIs separated by spaces or newlines, or (JSON, or repeated form fields) a list of URIs;
 * {@code scopes} is a space-separated string (a JSON array is tolerated).
 *
 * @see <a href="https://docs.joinmastodon.org/methods/apps/#create">Mastodon API: POST /api/v1/apps</a>
 */
public record MastodonAppRequest(
        @JsonProperty("client_name") String clientName,
        // redirect_uris (REQUIRED): string or array of strings
        @JsonProperty("redirect_uris") JsonNode redirectUris,
        // scopes (OPTIONAL, default "read"): space-separated string
        @JsonProperty("scopes") JsonNode scopes,
        @JsonProperty("website") String website) {

    static final MastodonAppRequest EMPTY = new MastodonAppRequest(null, null, null, null);

    /** A Mastodon app is a confidential client that may use every grant and both secret methods. */
    ClientMetadata toMetadata() {
        return new ClientMetadata(clientName, website, redirectUriList(), scopeString(),
                ClientMetadata.SECRET_CLIENT_GRANT_TYPES, ClientMetadata.SECRET_AUTH_METHODS);
    }

    /** Builds the metadata from form fields; {@code redirect_uris[]} is the Rails spelling of a repeated field. */
    static ClientMetadata fromForm(String clientName, List<String> redirectUris, List<String> redirectUrisArray,
                                   String scopes, String website) {
        List<String> uris = new ArrayList<>();
        splitInto(redirectUris, uris);
        splitInto(redirectUrisArray, uris);
        return new ClientMetadata(clientName, website, uris, scopes,
                ClientMetadata.SECRET_CLIENT_GRANT_TYPES, ClientMetadata.SECRET_AUTH_METHODS);
    }

    private List<String> redirectUriList() {
        if (redirectUris == null || redirectUris.isNull()) {
            return List.of();
        }
        if (redirectUris.isTextual()) {
            return split(redirectUris.asText());
        }
        if (redirectUris.isArray()) {
            List<String> uris = new ArrayList<>();
            for (JsonNode element : redirectUris) {
                if (!element.isTextual()) {
                    throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                            "redirect_uris must be a string or an array of strings");
                }
                // Each array element is one URI: whitespace inside it is an error the validator reports.
                uris.add(element.asText().strip());
            }
            return uris;
        }
        throw new OAuthException(OAuthError.INVALID_REDIRECT_URI, "redirect_uris must be a string or an array of strings");
    }

    private String scopeString() {
        if (scopes == null || scopes.isNull()) {
            return null;
        }
        if (scopes.isTextual()) {
            return scopes.asText();
        }
        if (scopes.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode element : scopes) {
                if (!element.isTextual()) {
                    throw new OAuthException(OAuthError.INVALID_SCOPE, "scopes must be a space-separated string");
                }
                values.add(element.asText());
            }
            return String.join(" ", values);
        }
        throw new OAuthException(OAuthError.INVALID_SCOPE, "scopes must be a space-separated string");
    }

    private static void splitInto(Collection<String> values, List<String> target) {
        if (values != null) {
            values.forEach(value -> target.addAll(split(value)));
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.strip().split("\\s+")).toList();
    }
}
