package org.gatehouse.common.bearer;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.jwx.JsonWebStructure;

import java.util.List;

/**
 * Refuses any JWT whose header {@code typ} is not {@code at+jwt}, so an ID token, a service JWT or any other
 * JWT signed by the same keys can never pass as an access token (RFC 9068 §4, RFC 8725 §3.11). quarkus-oidc
 * runs every jose4j {@link Validator} bean while verifying a bearer token; it has no setting of its own for
 * the header {@code typ} ({@code quarkus.oidc.token.token-type} reads the claim, and lets tokens without it pass).
 * Shared by every resource server; in a service without Quarkus OIDC the bean is simply unused.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
@Unremovable
@ApplicationScoped
public class AccessTokenTypeValidator implements Validator {

    public static final String TYPE = "at+jwt";
    public static final String MEDIA_TYPE = "application/at+jwt";

    @Override
    public String validate(JwtContext context) {
        List<JsonWebStructure> structures = context.getJoseObjects();
        if (structures == null || structures.isEmpty()) {
            return "The token has no JOSE header";
        }
        String type = structures.get(0).getHeader(HeaderParameterNames.TYPE);
        // RFC 7515 §4.1.9: media types compare case-insensitively, the "application/" prefix is optional.
        if (TYPE.equalsIgnoreCase(type) || MEDIA_TYPE.equalsIgnoreCase(type)) {
            return null;
        }
        return "The token is not an RFC 9068 access token (header typ must be at+jwt)";
    }
}
