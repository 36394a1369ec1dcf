package org.gatehouse.token.issue;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.token.config.TokenConfig;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Mints OpenID Connect ID tokens (OIDC Core 1.0 §2 and §3.1.3.6,
 * https://openid.net/specs/openid-connect-core-1_0.html#IDToken), signed with the active key of the client's
 * registered {@code id_token_signed_response_alg} (RS256 or ES256), else of {@code token.id-token-signing-algorithm}
 * (RS256 by default, OIDC Core §15.1), never with the access tokens' key: header
 * {@code typ: JWT} and {@code kid}; claims {@code iss}, {@code sub}, {@code aud} = the client, {@code exp},
 * {@code iat}, {@code auth_time}, {@code nonce} (echoed from the authorization request), {@code at_hash} and
 * {@code acr}.
 */
@ApplicationScoped
public class IdTokenIssuer {

    /**
     * The one authentication context class there is: a password sign-in whose session may be reused, which is
     * OpenID Connect Core §2's level {@code "0"} (below ISO/IEC 29115 level 1). Sent in every ID token, so an
     * {@code acr_values} request is always answered with the level actually reached (Core §3.1.2.1: voluntary).
     */
    public static final String ACR = "0";

    private final SigningKeys signingKeys;
    private final JwsSigner signer;
    private final String issuer;
    private final long lifetimeSeconds;

    public IdTokenIssuer(SigningKeys signingKeys, JwsSigner signer, GatehouseConfig gatehouse, TokenConfig config) {
        this.signingKeys = signingKeys;
        this.signer = signer;
        this.issuer = gatehouse.publicUrl();
        this.lifetimeSeconds = config.idTokenLifetime().toSeconds();
    }

    /**
     * @param authTime    when the user authenticated (epoch seconds), or 0 when unknown
     * @param nonce       the authorization request's nonce, or null when it sent none
     * @param accessToken the access token issued with it, bound through {@code at_hash}
     * @param algorithm   the client's registered {@code id_token_signed_response_alg}, or null for the default
     */
    public String issue(String subject, String clientId, long authTime, String nonce, AccessToken accessToken,
                        String algorithm) {
        SigningKeys.ActiveKey key = signingKeys.activeForIdTokens(algorithm);
        long issuedAt = Instant.now().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(clientId);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt + lifetimeSeconds));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("at_hash", atHash(accessToken.value()));
        claims.setClaim("acr", ACR);
        if (authTime > 0) {
            claims.setClaim("auth_time", authTime);
        }
        if (nonce != null) {
            claims.setClaim("nonce", nonce);
        }
        return signer.sign(claims, "JWT", key);
    }

    /**
     * OIDC Core §3.1.3.6: base64url of the left half of the hash of the access token's ASCII octets, the hash
     * being the one of the JWS algorithm (SHA-256 for ES256 and RS256 alike).
     */
    static String atHash(String accessToken) {
        // A JWS compact serialisation is ASCII, so its UTF-8 octets are its ASCII octets.
        byte[] digest = OpaqueTokens.digest(accessToken);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }
}
