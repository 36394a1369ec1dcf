package org.gatehouse.token.credential;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.common.ratelimit.RateLimiter;
import org.gatehouse.token.grant.GrantTypes;
import org.gatehouse.token.grant.RefreshTokenGrant;
import org.gatehouse.token.grant.TokenIssuanceMetrics;
import org.gatehouse.token.issue.FamilyGrant;
import org.gatehouse.token.issue.RefreshTokenIssuer;
import org.gatehouse.token.remote.Account;
import org.gatehouse.token.remote.RegistrationGateway;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * First-party user tokens from a user's own credentials (ARCHITECTURE.md flow 4): {@code user_key} and
 * {@code user_secret} are checked by registration-service, which owns accounts, and answer with an access token for
 * the platform itself ({@code client_id} {@value Permissions#FIRST_PARTY_CLIENT_ID}, subject the account id,
 * {@link Permissions#FIRST_PARTY_SCOPES}) and a refresh token in a new family. Guarded by request limits per IP and
 * per account ({@link RateLimiter}) here, and by registration-service's failure counter per account and per IP (shared
 * with the login page; each attempt reserved before its check), whose 429 is passed on; wrong key and wrong secret get
 * the same answer. Refresh follows the rotation and reuse rules of {@link RefreshTokenGrant},
 * restricted to first-party families. Like the password grant it resembles (RFC 6749 §4.3,
 * https://www.rfc-editor.org/rfc/rfc6749#section-4.3), it is never offered to third-party clients.
 */
@ApplicationScoped
public class UserCredentialGrant {

    private static final Logger LOG = Logger.getLogger(UserCredentialGrant.class);
    static final String USER_KEY = "user_key";
    static final String USER_SECRET = "user_secret";
    static final String REFRESH_TOKEN = "refresh_token";
    /** The grant type audit lines name for {@code POST /authenticate}. */
    static final String USER_CREDENTIALS = TokenIssuanceMetrics.USER_CREDENTIALS;
    /** Far above any user key registration issues; longer input is refused before any lookup. */
    static final int MAX_USER_KEY_LENGTH = 255;
    /** Bounds the password hashing work a request can cause (1 KiB of UTF-8), per OWASP's long-password DoS note. */
    static final int MAX_SECRET_BYTES = 1024;
    /** Request limits ({@code gatehouse.rate-limit.routes.*}), on top of the failure throttle. */
    static final String RATE_LIMIT_PER_IP = "authenticate-ip";
    static final String RATE_LIMIT_PER_ACCOUNT = "authenticate-account";

    private final RegistrationGateway registrations;
    private final RefreshTokenIssuer tokens;
    private final RefreshTokenGrant refreshTokenGrant;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final TokenIssuanceMetrics issuance;

    public UserCredentialGrant(RegistrationGateway registrations, RefreshTokenIssuer tokens,
                               RefreshTokenGrant refreshTokenGrant, RateLimiter limiter, AuditLog audit,
                               TokenIssuanceMetrics issuance) {
        this.audit = audit;
        this.issuance = issuance;
        this.limiter = limiter;
        this.registrations = registrations;
        this.tokens = tokens;
        this.refreshTokenGrant = refreshTokenGrant;
    }

    /**
     * @param parameters the request body's parameters
     * @param clientIp   the caller's address, for the per-IP limits
     */
    public UserTokenResponse authenticate(Map<String, String> parameters, String clientIp) {
        // user_key (REQUIRED), user_secret (REQUIRED)
        String userKey = required(parameters, USER_KEY);
        String secret = required(parameters, USER_SECRET);
        if (userKey.length() > MAX_USER_KEY_LENGTH || userKey.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.invalidRequest("user_key is malformed");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            throw OAuthException.invalidRequest("user_secret is too long");
        }
        limiter.enforce(RATE_LIMIT_PER_IP, clientIp);
        limiter.enforce(RATE_LIMIT_PER_ACCOUNT, userKey);
        Optional<Account> account = registrations.authenticateAccount(userKey, secret, clientIp);
        if (account.isEmpty()) {
            LOG.debug("User credential authentication failed");
            // Same status, code and description for an unknown key and a wrong secret.
            audit.record("token.issued", "failure", Map.of("grant_type", USER_CREDENTIALS,
                    "client_id", Permissions.FIRST_PARTY_CLIENT_ID, "error", OAuthError.INVALID_GRANT.code(),
                    "ip", String.valueOf(clientIp)));
            throw new OAuthException(OAuthError.INVALID_GRANT, 401, "The user key or secret is wrong");
        }
        FamilyGrant grant = new FamilyGrant(Permissions.FIRST_PARTY_CLIENT_ID, account.get().id(),
                new LinkedHashSet<>(Permissions.FIRST_PARTY_SCOPES), null);
        UserTokenResponse response = UserTokenResponse.of(tokens.startFamily(grant, true));
        issuance.issued(USER_CREDENTIALS);
        audit.record("token.issued", "success", Map.of("grant_type", USER_CREDENTIALS,
                "client_id", Permissions.FIRST_PARTY_CLIENT_ID, "user_id", account.get().id()));
        return response;
    }

    /** Rotates a first-party refresh token; a third-party client's token is as invalid here as an unknown one. */
    public UserTokenResponse refresh(Map<String, String> parameters) {
        // refresh_token (REQUIRED)
        String presented = required(parameters, REFRESH_TOKEN);
        Map<String, String> fields = Map.of("grant_type", REFRESH_TOKEN, "client_id", Permissions.FIRST_PARTY_CLIENT_ID);
        try {
            UserTokenResponse response = UserTokenResponse.of(refreshTokenGrant.refresh(presented,
                    Permissions.FIRST_PARTY_CLIENT_ID, Optional.empty()));
            issuance.issued(GrantTypes.REFRESH_TOKEN);
            audit.record("token.issued", "success", fields);
            return response;
        } catch (OAuthException refused) {
            Map<String, String> failure = new HashMap<>(fields);
            failure.put("error", refused.error().code());
            audit.record("token.issued", "failure", failure);
            throw refused;
        }
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw OAuthException.invalidRequest(name + " is required");
        }
        return value;
    }
}
