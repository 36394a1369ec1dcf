package org.gatehouse.token.grant;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the scope of a token from the requested and the allowed scopes (RFC 6749 §3.3,
 * https://www.rfc-editor.org/rfc/rfc6749#section-3.3): every requested scope must be known and covered
 * (aliases such as {@code read} expanded) by what the client may have; no request means all of it.
 */
@ApplicationScoped
public class ScopePolicy {

    /**
     * @param requested the {@code scope} parameter, absent when the request named none
     * @param allowed   what the client (or grant) may have
     * @return the scopes to grant, as requested (aliases are kept, resource servers expand them)
     */
    public Set<String> grant(Optional<String> requested, Collection<String> allowed) {
        Set<String> scopes = Permissions.parse(requested.orElse(null));
        if (scopes.isEmpty()) {
            return new LinkedHashSet<>(allowed);
        }
        if (!scopes.stream().allMatch(Permissions::isKnown)) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "The requested scope contains an unknown value");
        }
        if (!Permissions.covers(allowed, scopes)) {
            throw new OAuthException(OAuthError.INVALID_SCOPE,
                    "The requested scope exceeds the scope the client is registered for");
        }
        return scopes;
    }
}
