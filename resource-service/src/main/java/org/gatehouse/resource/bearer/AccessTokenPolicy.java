package org.gatehouse.resource.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gatehouse.resource.revocation.RevokedTokenRegistry;

import java.io.IOException;
import java.util.Base64;

/**
 * What Quarkus OIDC does not check on its own: the token is an access token ({@code typ: at+jwt},
 * RFC 9068 §4 — an ID token must not be accepted as one) and it has not been revoked.
 */
@ApplicationScoped
public class AccessTokenPolicy implements SecurityIdentityAugmentor {

    private static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final RevokedTokenRegistry revoked;
    private final ObjectMapper json;

    public AccessTokenPolicy(RevokedTokenRegistry revoked, ObjectMapper json) {
        this.revoked = revoked;
        this.json = json;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (!ACCESS_TOKEN_TYPE.equalsIgnoreCase(headerType(token.getRawToken()))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not an access token"));
        }
        if (revoked.isRevoked(token.getTokenID())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("revoked"));
        }
        return Uni.createFrom().item(identity);
    }

    private String headerType(String rawToken) {
        int dot = rawToken == null ? -1 : rawToken.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(rawToken.substring(0, dot)));
            JsonNode typ = header.get("typ");
            return typ == null ? null : typ.asText();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
