package org.gatehouse.resource.apikey;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.common.ratelimit.FailedLookupBudget;
import org.gatehouse.common.ratelimit.RateLimiter;
import org.gatehouse.resource.access.Caller;
import org.gatehouse.resource.bearer.GrantedPermissions;
import org.gatehouse.resource.remote.ApiKeyRecord;
import org.gatehouse.resource.remote.AppGrant;
import org.gatehouse.resource.remote.AuthorizationGateway;
import org.gatehouse.resource.remote.RegistrationGateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Third-party calls with {@code X-API-Key} + {@code X-User-ID} (ARCHITECTURE.md flow 5): the key must be one of
 * the app's live keys, the user must have granted the app an exposure profile, and the app may do exactly
 * what it requested AND the profile allows — evaluated on every call from briefly cached lookups.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    /** Calls per API key ({@code gatehouse.rate-limit.routes.api-key}). */
    static final String RATE_LIMIT_PER_KEY = "api-key";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "ApiKey realm=\"gatehouse\"");

    private final RegistrationGateway registration;
    private final AuthorizationGateway authorization;
    private final RateLimiter limiter;
    private final FailedLookupBudget failedLookups;

    public ApiKeyAuthenticator(RegistrationGateway registration, AuthorizationGateway authorization,
                               RateLimiter limiter, FailedLookupBudget failedLookups) {
        this.registration = registration;
        this.authorization = authorization;
        this.limiter = limiter;
        this.failedLookups = failedLookups;
    }

    public Caller authenticate(String presentedKey, String userIdHeader) {
        UUID userId = parseUser(userIdHeader);
        ApiKey key = ApiKey.parse(presentedKey).orElseThrow(ApiKeyAuthenticator::badKey);
        ApiKeyRecord record = failedLookups.lookUp(() -> registration.apiKey(key.keyId()))
                .orElseThrow(ApiKeyAuthenticator::badKey);
        if (!matchesAny(key.secret(), record)) {
            throw badKey();
        }
        // Counted once the key is verified, so a wrong secret cannot spend the app's budget.
        limiter.enforce(RATE_LIMIT_PER_KEY, key.keyId());
        AppGrant grant = authorization.grant(record.clientId(), userId.toString())
                .orElseThrow(() -> new OAuthException(OAuthError.ACCESS_DENIED,
                        "The user has not authorized this app"));
        Set<String> effective = Permissions.expand(record.requestedPermissions());
        effective.retainAll(Permissions.expand(grant.permissions()));
        return new Caller(userId, GrantedPermissions.forApp(effective, userId.toString(), record.clientId()));
    }

    private static boolean matchesAny(String secret, ApiKeyRecord record) {
        byte[] presented = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String hash : record.keyHashes()) {
            // No early exit: the time taken does not tell which stored hash (if any) matched.
            match |= MessageDigest.isEqual(presented, hash.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static UUID parseUser(String header) {
        if (header == null || header.isBlank()) {
            throw OAuthException.invalidRequest("X-User-ID is required with X-API-Key");
        }
        try {
            return UUID.fromString(header.trim());
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("X-User-ID must be the user id given to the app on authorization");
        }
    }

    private static String sha256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OAuthException badKey() {
        return new OAuthException(OAuthError.INVALID_CLIENT, 401, "The API key is not valid", CHALLENGE);
    }
}
