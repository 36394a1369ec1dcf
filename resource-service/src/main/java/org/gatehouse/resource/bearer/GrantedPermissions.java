package org.gatehouse.resource.bearer;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The permissions a verified access token carries, and the RFC 6750 §3.1 refusal when one is missing; also the
 * claims its authorization request named for UserInfo ({@code userinfo_claims}, OpenID Connect Core §5.5), which
 * the user consented to as the scopes that release them.
 */
public final class GrantedPermissions {

    /** token-service's private claim: the standard claims UserInfo releases by name. */
    static final String USERINFO_CLAIMS = "userinfo_claims";

    private final Set<String> permissions;
    private final String subject;
    private final String clientId;
    private final Set<String> requestedClaims;

    private GrantedPermissions(Set<String> permissions, String subject, String clientId,
                               Set<String> requestedClaims) {
        this.permissions = permissions;
        this.subject = subject;
        this.clientId = clientId;
        this.requestedClaims = requestedClaims;
    }

    /** What an app holding an API key may do for a user: already the intersection the caller computed. */
    public static GrantedPermissions forApp(Set<String> permissions, String userId, String clientId) {
        return new GrantedPermissions(Set.copyOf(permissions), userId, clientId, Set.of());
    }

    public static GrantedPermissions of(JsonWebToken token) {
        Object scope = token.getClaim("scope");
        return new GrantedPermissions(Permissions.expand(Permissions.parse(scope == null ? null : scope.toString())),
                token.getSubject(), token.getClaim("client_id"), names(token.getClaim(USERINFO_CLAIMS)));
    }

    /** The claims the token's authorization request named for UserInfo; empty when it named none. */
    public Set<String> requestedClaims() {
        return requestedClaims;
    }

    /** A JSON array of strings as the token verifier hands it over; anything else names nothing. */
    private static Set<String> names(Object claim) {
        Set<String> names = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof JsonString json) {
                    names.add(json.getString());
                } else if (value instanceof String name) {
                    names.add(name);
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    /** Passes when at least one of {@code anyOf} was granted; otherwise 403 insufficient_scope. */
    public void requireAny(String... anyOf) {
        if (Arrays.stream(anyOf).noneMatch(permissions::contains)) {
            String needed = String.join(" ", anyOf);
            throw new OAuthException(OAuthError.INSUFFICIENT_SCOPE, 403,
                    "This call needs one of these scopes: " + needed,
                    Map.of("WWW-Authenticate", "Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\""
                            + needed + "\""));
        }
    }

    /** The user the token acts for; a client_credentials token has none (its subject is the client). */
    public String requireUser() {
        if (subject == null || subject.equals(clientId)) {
            throw new OAuthException(OAuthError.ACCESS_DENIED, "This call needs a token issued for a user");
        }
        return subject;
    }
}
