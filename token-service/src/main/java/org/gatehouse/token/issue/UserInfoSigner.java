package org.gatehouse.token.issue;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.config.GatehouseConfig;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.time.Instant;
import java.util.Map;

/**
 * Signed UserInfo answers (OIDC Core §5.3.2): the claims resource-service assembled, with {@code iss} and
 * {@code aud} (the client) set here, signed with the active key of the client's registered
 * {@code userinfo_signed_response_alg} from the same key rings as ID tokens, so the client verifies it with the
 * keys it already fetches from {@code jwks_uri}.
 */
@ApplicationScoped
public class UserInfoSigner {

    private final SigningKeys signingKeys;
    private final JwsSigner signer;
    private final String issuer;

    public UserInfoSigner(SigningKeys signingKeys, JwsSigner signer, GatehouseConfig gatehouse) {
        this.signingKeys = signingKeys;
        this.signer = signer;
        this.issuer = gatehouse.publicUrl();
    }

    /** Whether {@code algorithm} is one a UserInfo answer can be signed with here. */
    public boolean supports(String algorithm) {
        return signingKeys.idTokenAlgorithmFor(algorithm).name().equals(algorithm);
    }

    /** The compact JWS of {@code claims} for {@code clientId}; {@code iss}, {@code aud} and {@code iat} are ours. */
    public String sign(String clientId, String algorithm, Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        claims.forEach(jwt::setClaim);
        jwt.setIssuer(issuer);
        jwt.setAudience(clientId);
        jwt.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        return signer.sign(jwt, "JWT", signingKeys.activeForIdTokens(algorithm));
    }
}
