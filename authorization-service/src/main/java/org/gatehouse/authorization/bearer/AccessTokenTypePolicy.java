package org.gatehouse.authorization.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.util.Base64;

/**
 * What Quarkus OIDC does not check on its own: the bearer token is an access token ({@code typ: at+jwt}). An ID
 * token is signed by the same key and names the same issuer, but must never be accepted as an access token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
@ApplicationScoped
public class AccessTokenTypePolicy implements SecurityIdentityAugmentor {

    private static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final ObjectMapper json;

    public AccessTokenTypePolicy(ObjectMapper json) {
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
