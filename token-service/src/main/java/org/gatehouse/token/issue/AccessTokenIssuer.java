package org.gatehouse.token.issue;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.token.config.TokenConfig;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Mints JWT access tokens per RFC 9068 §2 (https://www.rfc-editor.org/rfc/rfc9068#section-2): header
 * {@code typ: at+jwt} and {@code kid}; claims {@code iss}, {@code sub}, {@code aud}, {@code client_id},
 * {@code scope}, {@code iat}, {@code exp}, {@code jti}. Grants ask this class for tokens; they never build JWTs.
 * Nothing is persisted here: resource servers verify the token from the JWKS alone; a grant that issues it within
 * a refresh-token family records its {@code jti} there (see {@link RefreshTokenIssuer}).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    /** RFC 9068 §2.1: the media type of JWT access tokens, without the "application/" prefix. */
    static final String TYPE = "at+jwt";

    private final SigningKeys signingKeys;
    private final String issuer;
    private final long lifetimeSeconds;

    public AccessTokenIssuer(SigningKeys signingKeys, GatehouseConfig gatehouse, TokenConfig config) {
        this.signingKeys = signingKeys;
        this.issuer = gatehouse.publicUrl();
        this.lifetimeSeconds = config.accessTokenLifetime().toSeconds();
    }

    /**
     * @param subject  the resource owner, or the client itself for client_credentials (RFC 9068 §2.2)
     * @param clientId the client the token is issued to
     * @param scopes   granted scopes; the claim is left out when there are none
     */
    public AccessToken issue(String subject, String clientId, Collection<String> scopes) {
        SigningKeys.ActiveKey key = signingKeys.active();
        Instant now = Instant.now();
        long issuedAt = now.getEpochSecond();
        String scope = Permissions.format(scopes);
        String jti = UUID.randomUUID().toString();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer)
                .subject(subject)
                // aud = the issuer unless an RFC 8707 resource was requested (ARCHITECTURE.md "Issuer").
                .audience(issuer)
                .claim("client_id", clientId)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt + lifetimeSeconds)
                .claim("jti", jti);
        if (!scope.isEmpty()) {
            claims.claim("scope", scope);
        }
        String jwt = claims.jws()
                .keyId(key.kid())
                .header("typ", TYPE)
                .algorithm(key.algorithm().jws())
                .sign(key.privateKey());
        return new AccessToken(jwt, Instant.ofEpochSecond(issuedAt), lifetimeSeconds, scope, jti,
                Instant.ofEpochSecond(issuedAt + lifetimeSeconds));
    }
}
