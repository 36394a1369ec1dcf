package org.gatehouse.resource.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.resource.apikey.ApiKeyAuthenticator;
import org.gatehouse.resource.bearer.GrantedPermissions;

import java.util.UUID;

/**
 * Resolves the caller of a user-data API: a third-party app with {@code X-API-Key} + {@code X-User-ID}, or a
 * bearer access token (the user's own, or an OAuth app's). Presenting both is ambiguous and refused.
 */
@ApplicationScoped
public class CallerResolver {

    static final String API_KEY = "X-API-Key";
    static final String USER_ID = "X-User-ID";

    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final ApiKeyAuthenticator apiKeys;

    public CallerResolver(SecurityIdentity identity, HttpServerRequest request, ApiKeyAuthenticator apiKeys) {
        this.identity = identity;
        this.request = request;
        this.apiKeys = apiKeys;
    }

    public Caller resolve() {
        String apiKey = request.getHeader(API_KEY);
        if (apiKey != null) {
            if (request.getHeader("Authorization") != null) {
                throw OAuthException.invalidRequest("Use either an API key or a bearer token, not both");
            }
            return apiKeys.authenticate(apiKey, request.getHeader(USER_ID));
        }
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw OAuthException.invalidToken("A bearer access token or an API key is required");
        }
        GrantedPermissions permissions = GrantedPermissions.of(token);
        try {
            return new Caller(UUID.fromString(permissions.requireUser()), permissions);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidToken("The token's subject is not a user of this platform");
        }
    }
}
