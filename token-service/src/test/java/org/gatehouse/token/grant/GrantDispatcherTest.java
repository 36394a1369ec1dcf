package org.gatehouse.token.grant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.clientauth.AuthenticatedClient;
import org.gatehouse.token.clientauth.ClientAuthenticationMethod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GrantDispatcherTest {

    private static final TokenResponse ISSUED = new TokenResponse("token", "Bearer", 3600, null, "read", 0, null);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GrantDispatcher dispatcher = new GrantDispatcher(List.of(handler("client_credentials"),
            handler("authorization_code")), new AuditLog(meters), new TokenIssuanceMetrics(meters));

    @Test
    void dispatchWhenGrantRegisteredForClientThenHandled() {
        TokenResponse response = dispatcher.dispatch(request("client_credentials"), client("client_credentials"));

        assertSame(ISSUED, response);
        assertEquals(1, meters.counter("gatehouse.audit.events", "event", "token.issued", "outcome", "success").count());
        assertEquals(1, issued("client_credentials"));
        assertEquals(0, issued("authorization_code"));
    }

    @Test
    void dispatchWhenGrantRefusesThenNoTokenCounted() {
        GrantDispatcher refusing = new GrantDispatcher(List.of(new GrantHandler() {
            @Override
            public String grantType() {
                return "client_credentials";
            }

            @Override
            public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "no");
            }
        }), new AuditLog(meters), new TokenIssuanceMetrics(meters));

        assertThrows(OAuthException.class, () -> refusing.dispatch(request("client_credentials"),
                client("client_credentials")));
        assertEquals(0, issued("client_credentials"));
        assertEquals(1, meters.counter("gatehouse.audit.events", "event", "token.issued", "outcome", "failure").count());
    }

    @Test
    void dispatchWhenGrantTypeMissingThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, new TokenRequest(Map.of()), client("client_credentials"));
    }

    @Test
    void dispatchWhenGrantTypeUnknownThenUnsupportedGrantType() {
        assertError(OAuthError.UNSUPPORTED_GRANT_TYPE, request("password"), client("password"));
    }

    @Test
    void dispatchWhenGrantNotRegisteredForClientThenUnauthorizedClient() {
        assertError(OAuthError.UNAUTHORIZED_CLIENT, request("client_credentials"), client("authorization_code"));
    }

    @Test
    void supportedGrantTypesWhenAskedThenSortedHandlerTypes() {
        assertEquals(List.of("authorization_code", "client_credentials"), dispatcher.supportedGrantTypes());
    }

    @Test
    void constructWhenTwoHandlersForOneGrantThenRefused() {
        assertThrows(IllegalStateException.class,
                () -> new GrantDispatcher(List.of(handler("client_credentials"), handler("client_credentials")),
                        new AuditLog(meters), new TokenIssuanceMetrics(meters)));
    }

    private void assertError(OAuthError expected, TokenRequest request, AuthenticatedClient client) {
        OAuthException e = assertThrows(OAuthException.class, () -> dispatcher.dispatch(request, client));
        assertEquals(expected, e.error());
    }

    private double issued(String grantType) {
        return meters.counter("gatehouse.tokens.issued", "grant_type", grantType).count();
    }

    private static TokenRequest request(String grantType) {
        return new TokenRequest(Map.of("grant_type", grantType));
    }

    private static AuthenticatedClient client(String... grantTypes) {
        return new AuthenticatedClient("app", ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of("read"),
                Set.of(grantTypes), List.of());
    }

    private static GrantHandler handler(String grantType) {
        return new GrantHandler() {
            @Override
            public String grantType() {
                return grantType;
            }

            @Override
            public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
                return ISSUED;
            }
        };
    }
}
