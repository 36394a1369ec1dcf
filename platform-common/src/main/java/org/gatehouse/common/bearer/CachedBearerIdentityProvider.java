package org.gatehouse.common.bearer;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a bearer access token into the caller's identity, verifying it with quarkus-oidc (signature against the
 * cached JWKS, {@code iss}, {@code aud}, {@code exp}, {@code typ: at+jwt}) only the first time it is seen; later
 * requests with the same token get the identity from an {@link ExpiringTokenCache} (sized and aged by
 * {@link VerifiedTokenCacheConfig}; an entry never outlives the token's {@code exp}). quarkus-oidc has no cache of
 * locally verified JWTs of its own ({@code quarkus.oidc.token-cache} holds introspection and UserInfo answers), so
 * this provider runs before quarkus-oidc's (higher {@link #priority()}) and delegates to it on a miss. Security
 * augmentors (resource-service's revoked-jti check among them) run after this provider on every request, hit or miss,
 * so a policy that must see every request belongs in an augmentor, never here.
 * <p>
 * Active only in a service built with quarkus-oidc (it delegates to quarkus-oidc's provider): the build-time
 * {@code quarkus.oidc.enabled} exists, and defaults to {@code true}, only there. Elsewhere (token-service) this bean
 * is left out at build time and quarkus-oidc need not be on the class path.
 */
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
@ApplicationScoped
public class CachedBearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Attributes quarkus-oidc ties to the request that was verified; they are never carried to another request. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    private final OidcIdentityProvider oidc;
    private final ExpiringTokenCache<SecurityIdentity> cache;

    public CachedBearerIdentityProvider(OidcIdentityProvider oidc, VerifiedTokenCacheConfig config) {
        this.oidc = oidc;
        this.cache = new ExpiringTokenCache<>(config.maxAge(), config.maximumSize());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of quarkus-oidc's provider, which keeps the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential credential) || credential.getToken() == null) {
            return oidc.authenticate(request, context);
        }
        String token = credential.getToken();
        Optional<SecurityIdentity> cached = cache.find(token);
        if (cached.isPresent()) {
            return Uni.createFrom().item(forThisRequest(cached.get(), request, context));
        }
        return oidc.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                cache.remember(token, withoutRequestState(identity), Instant.ofEpochSecond(jwt.getExpirationTime()));
            }
        });
    }

    /** A copy of a verified identity without the objects of the request it was verified in. */
    private static SecurityIdentity withoutRequestState(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        attributes.remove(REQUEST_CONTEXT);
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addAttributes(attributes);
        if (identity instanceof QuarkusSecurityIdentity quarkusIdentity) {
            copy.addPermissions(quarkusIdentity.getPermissions());
        }
        return copy.build();
    }

    private static SecurityIdentity forThisRequest(SecurityIdentity cached, TokenAuthenticationRequest request,
                                                   AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(cached)
                .addAttribute(REQUEST_CONTEXT, context);
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            identity.addAttribute(ROUTING_CONTEXT, routingContext);
        }
        return identity.build();
    }
}
