package org.gatehouse.resource.bearer;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An access token sent in a form-encoded body as {@code access_token} (RFC 6750 §2.2), verified by the same identity
 * providers and augmentors as one in the {@code Authorization} header: signature against the JWKS, {@code iss},
 * {@code aud}, {@code exp}, {@code typ: at+jwt}, the revocation denylist.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.2">RFC 6750 §2.2</a>
 */
@ApplicationScoped
public class FormBodyBearer {

    private final IdentityProviderManager identities;

    public FormBodyBearer(IdentityProviderManager identities) {
        this.identities = identities;
    }

    /**
     * @throws AuthenticationFailedException when the token does not verify (answered 401 {@code invalid_token})
     */
    public JsonWebToken verify(String accessToken, RoutingContext request) {
        TokenAuthenticationRequest authentication =
                new TokenAuthenticationRequest(new AccessTokenCredential(accessToken));
        // quarkus-oidc reads the request (tenant, headers) from this attribute, as for a header token.
        HttpSecurityUtils.setRoutingContextAttribute(authentication, request);
        SecurityIdentity identity = identities.authenticate(authentication).await().indefinitely();
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new AuthenticationFailedException("The access token is not a JWT");
        }
        return token;
    }
}
