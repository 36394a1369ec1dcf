package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.util.List;
import java.util.Set;

/**
 * Checks the scopes a client registers (RFC 7591 §2 {@code scope}, Mastodon {@code scopes}) against the
 * platform's one vocabulary, {@link Permissions}. Unknown scopes are refused rather than dropped, so a client
 * learns about a typo at registration and not at its first authorization request.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>
 */
@ApplicationScoped
public class ScopeValidator {

    /** Mastodon registers {@code read} when an app names no scopes. */
    public static final List<String> DEFAULT_SCOPES = List.of("read");

    /**
     * A client that signs users in and registered no scope (OpenID Connect Dynamic Registration has no
     * {@code scope} member, so Spring Security and the OpenID conformance suite send none): sign-in scopes plus
     * {@link #DEFAULT_SCOPES}.
     */
    public static final List<String> SIGN_IN_DEFAULT_SCOPES = List.of("openid", "profile", "email", "read");

    /**
     * The registered scopes, in the order given, duplicates dropped; {@link #DEFAULT_SCOPES} when none given.
     *
     * @throws OAuthException {@code invalid_scope} for an unknown scope or one that open registration cannot grant
     */
    public List<String> validate(String scope) {
        return validate(scope, DEFAULT_SCOPES);
    }

    /** As {@link #validate(String)}, with {@code defaults} when none given. */
    public List<String> validate(String scope, List<String> defaults) {
        Set<String> scopes = Permissions.parse(scope);
        if (scopes.isEmpty()) {
            return defaults;
        }
        for (String requested : scopes) {
            if (Permissions.isOperatorGranted(requested)) {
                throw new OAuthException(OAuthError.INVALID_SCOPE,
                        "Scope '" + requested + "' is granted by an operator and cannot be registered through this"
                                + " endpoint");
            }
            if (!Permissions.isKnown(requested)) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "Unknown scope '" + echo(requested) + "'");
            }
        }
        return List.copyOf(scopes);
    }

    /**
     * Scopes an operator sets through the admin API: any known scope, the operator-granted ones included, in the order
     * given, duplicates dropped; none given is none.
     *
     * @throws OAuthException {@code invalid_scope} for an unknown scope
     */
    public List<String> validateByOperator(java.util.Collection<String> requested) {
        Set<String> scopes = new java.util.LinkedHashSet<>();
        for (String scope : requested) {
            if (scope == null || !(Permissions.isKnown(scope) || Permissions.isOperatorGranted(scope))) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "Unknown scope '" + echo(scope) + "'");
            }
            scopes.add(scope);
        }
        return List.copyOf(scopes);
    }

    private static String echo(String scope) {
        if (scope == null) {
            return "null";
        }
        String printable = scope.replaceAll("[^\\x21-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
