package org.gatehouse.token.issue;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.token.config.TokenConfig;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Mints JWT access tokens per RFC 9068 §2 (https://www.rfc-editor.org/rfc/rfc9068#section-2): header
 * {@code typ: at+jwt} and {@code kid}; claims {@code iss}, {@code sub}, {@code aud}, {@code client_id},
 * {@code scope}, {@code iat}, {@code exp}, {@code jti}; and the private claim {@code userinfo_claims}, the standard
 * claims the authorization request named with the OpenID Connect {@code claims} parameter (Core §5.5), which
 * resource-service's UserInfo releases besides those of the scopes (the user consented to them as their scopes). Grants ask this class for tokens; they never build JWTs.
 * Nothing is persisted here: resource servers verify the token from the JWKS alone; a grant that issues it within
 * a refresh-token family records its {@code jti} there (see {@link RefreshTokenIssuer}).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    /** RFC 9068 §2.1: the media type of JWT access tokens, without the "application/" prefix. */
    static final String TYPE = "at+jwt";
    /** Private claim: the standard claims UserInfo releases by name (OIDC Core §5.5). */
    public static final String USERINFO_CLAIMS = "userinfo_claims";

    private final SigningKeys signingKeys;
    private final JwsSigner signer;
    private final String issuer;
    private final long lifetimeSeconds;

    public AccessTokenIssuer(SigningKeys signingKeys, JwsSigner signer, GatehouseConfig gatehouse,
                             TokenConfig config) {
        this.signingKeys = signingKeys;
        this.signer = signer;
        this.issuer = gatehouse.publicUrl();
        this.lifetimeSeconds = config.accessTokenLifetime().toSeconds();
    }

    /**
     * @param subject  the resource owner, or the client itself for client_credentials (RFC 9068 §2.2)
     * @param clientId the client the token is issued to
     * @param scopes   granted scopes; the claim is left out when there are none
     */
    public AccessToken issue(String subject, String clientId, Collection<String> scopes) {
        return issue(subject, clientId, scopes, List.of());
    }

    /** @param userInfoClaims claims named for UserInfo (OIDC Core §5.5); the claim is left out when there are none */
    public AccessToken issue(String subject, String clientId, Collection<String> scopes,
                             Collection<String> userInfoClaims) {
        SigningKeys.ActiveKey key = signingKeys.active();
        Instant now = Instant.now();
        long issuedAt = now.getEpochSecond();
        String scope = Permissions.format(scopes);
        String jti = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        // aud = the issuer unless an RFC 8707 resource was requested (ARCHITECTURE.md "Issuer").
        claims.setAudience(issuer);
        claims.setClaim("client_id", clientId);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt + lifetimeSeconds));
        claims.setJwtId(jti);
        if (!scope.isEmpty()) {
            claims.setClaim("scope", scope);
        }
        if (!userInfoClaims.isEmpty()) {
            claims.setStringListClaim(USERINFO_CLAIMS, List.copyOf(userInfoClaims));
        }
        String jwt = signer.sign(claims, TYPE, key);
        return new AccessToken(jwt, Instant.ofEpochSecond(issuedAt), lifetimeSeconds, scope, jti,
                Instant.ofEpochSecond(issuedAt + lifetimeSeconds));
    }
}
