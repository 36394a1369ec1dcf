package org.gatehouse.token.clientauth;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.ratelimit.FailedLookupBudget;
import org.gatehouse.common.ratelimit.FailedLookupConfig;
import org.gatehouse.token.remote.RegisteredClient;
import org.gatehouse.token.remote.RegistrationGateway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.gatehouse.token.clientauth.ClientEndpoint.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientAuthenticatorTest {

    private static final String SECRET = "the-secret";

    private final FakeGateway gateway = new FakeGateway();
    private final ClientAuthenticator authenticator = new ClientAuthenticator(gateway,
            new ClientAssertionVerifier(gateway, null, null, ClientAssertionVerifier.audiences("http://localhost:8080"),
                    Duration.ofMinutes(5), Duration.ofSeconds(30), Clock.systemUTC()),
            // Outside a request nothing is counted: this class's own rules are under test here.
            new FailedLookupBudget(new FailedLookupConfig() {
                public long capacity() {
                    return 1;
                }

                public Duration period() {
                    return Duration.ofMinutes(1);
                }

                public long trackedAddresses() {
                    return 1;
                }
            }, null));

    @Test
    void authenticateWhenClientSecretBasicThenAuthenticatedWithRegistration() {
        gateway.register("app", List.of("client_secret_basic"), SECRET);

        AuthenticatedClient client = authenticator.authenticate(basic("app", SECRET), Map.of(), TOKEN);

        assertEquals("app", client.clientId());
        assertEquals(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, client.method());
        assertEquals(List.of("read"), client.scopes());
    }

    @Test
    void authenticateWhenClientSecretPostThenAuthenticated() {
        gateway.register("app", List.of("client_secret_post"), SECRET);

        AuthenticatedClient client = authenticator.authenticate(null, Map.of("client_id", "app", "client_secret", SECRET),
                TOKEN);

        assertEquals(ClientAuthenticationMethod.CLIENT_SECRET_POST, client.method());
    }

    @Test
    void authenticateWhenBasicAndSameClientIdParameterThenAuthenticated() {
        gateway.register("app", List.of("client_secret_basic"), SECRET);

        assertEquals("app", authenticator.authenticate(basic("app", SECRET), Map.of("client_id", "app"), TOKEN)
                .clientId());
    }

    @Test
    void authenticateWhenBasicAndOtherClientIdParameterThenInvalidRequest() {
        gateway.register("app", List.of("client_secret_basic"), SECRET);

        assertError(OAuthError.INVALID_REQUEST, basic("app", SECRET), Map.of("client_id", "other"));
    }

    @Test
    void authenticateWhenBasicAndPostThenInvalidRequest() {
        gateway.register("app", List.of("client_secret_basic", "client_secret_post"), SECRET);

        assertError(OAuthError.INVALID_REQUEST, basic("app", SECRET), Map.of("client_id", "app", "client_secret", SECRET));
        assertEquals(0, gateway.lookups, "refused before any lookup");
    }

    @Test
    void authenticateWhenPostAndAssertionThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, null,
                Map.of("client_id", "app", "client_secret", SECRET, "client_assertion", "x.y.z"));
    }

    @Test
    void authenticateWhenBasicAndAssertionThenInvalidRequestBeforeAnyLookup() {
        gateway.register("app", List.of("client_secret_basic"), SECRET);

        assertError(OAuthError.INVALID_REQUEST, basic("app", SECRET), Map.of("client_assertion_type",
                ClientAssertionVerifier.JWT_BEARER, "client_assertion", "x.y.z"));
        assertEquals(0, gateway.lookups);
    }

    @Test
    void authenticateWhenMalformedAssertionThenInvalidClient() {
        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_assertion_type",
                ClientAssertionVerifier.JWT_BEARER, "client_assertion", "x.y.z"));
    }

    @Test
    void authenticateWhenAssertionTypeWithoutAssertionThenInvalidClient() {
        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_assertion_type", ClientAssertionVerifier.JWT_BEARER));
    }

    @Test
    void authenticateWhenPrivateKeyJwtClientSendsOnlyClientIdThenInvalidClient() {
        gateway.registerPublic("machine", List.of("private_key_jwt"));

        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_id", "machine"));
    }

    @Test
    void authenticateWhenClientSecretJwtClientSendsOnlyClientIdThenInvalidClient() {
        gateway.registerPublic("hmac-client", List.of("client_secret_jwt"));

        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_id", "hmac-client"));
    }

    @Test
    void authenticateWhenWrongSecretThenInvalidClient() {
        gateway.register("app", List.of("client_secret_basic"), SECRET);

        OAuthException e = assertError(OAuthError.INVALID_CLIENT, basic("app", "wrong"), Map.of());
        assertEquals("Client authentication failed", e.description());
    }

    @Test
    void authenticateWhenUnknownClientThenSameAnswerAsWrongSecret() {
        OAuthException e = assertError(OAuthError.INVALID_CLIENT, basic("ghost", SECRET), Map.of());

        assertEquals("Client authentication failed", e.description());
        assertEquals(401, e.status());
    }

    @Test
    void authenticateWhenMethodNotRegisteredThenInvalidClient() {
        gateway.register("app", List.of("client_secret_post"), SECRET);

        assertError(OAuthError.INVALID_CLIENT, basic("app", SECRET), Map.of());
    }

    @Test
    void authenticateWhenNoCredentialsThenInvalidClient() {
        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_id", "app"));
    }

    @Test
    void authenticateWhenSecretWithoutClientIdThenInvalidRequest() {
        assertError(OAuthError.INVALID_REQUEST, null, Map.of("client_secret", SECRET));
    }

    @Test
    void authenticateWhenClientIdImplausiblyLongThenRefusedWithoutLookup() {
        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_id", "x".repeat(1000), "client_secret", SECRET));

        assertEquals(0, gateway.lookups);
    }

    @Test
    void authenticateWhenPublicClientSendsOnlyClientIdThenAuthenticatedWithNone() {
        gateway.registerPublic("spa", List.of("none"));

        AuthenticatedClient client = authenticator.authenticate(null, Map.of("client_id", "spa"), TOKEN);

        assertEquals(ClientAuthenticationMethod.NONE, client.method());
        assertEquals(true, client.isPublic());
    }

    @Test
    void authenticateWhenClientWithoutSecretsSendsOnlyClientIdThenPublic() {
        gateway.registerPublic("native-app", List.of("client_secret_basic"));

        assertEquals(ClientAuthenticationMethod.NONE,
                authenticator.authenticate(null, Map.of("client_id", "native-app"), TOKEN).method());
    }

    @Test
    void authenticateWhenConfidentialClientSendsOnlyClientIdThenInvalidClient() {
        gateway.register("app", List.of("client_secret_basic"), SECRET);

        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_id", "app"));
    }

    @Test
    void authenticateWhenPublicClientSendsASecretThenInvalidClient() {
        gateway.registerPublic("spa", List.of("none", "client_secret_post"));

        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_id", "spa", "client_secret", "guess"));
    }

    @Test
    void authenticateWhenFirstPartyClientIdThenRefusedWithoutLookup() {
        gateway.register("gatehouse", List.of("client_secret_basic"), SECRET);
        gateway.registerPublic("gatehouse", List.of("none"));

        assertError(OAuthError.INVALID_CLIENT, basic("gatehouse", SECRET), Map.of());
        assertError(OAuthError.INVALID_CLIENT, null, Map.of("client_id", "gatehouse"));
        assertEquals(0, gateway.lookups);
    }

    private OAuthException assertError(OAuthError expected, String authorization, Map<String, String> parameters) {
        OAuthException e = assertThrows(OAuthException.class,
                () -> authenticator.authenticate(authorization, parameters, TOKEN));
        assertEquals(expected, e.error());
        return e;
    }

    private static String basic(String id, String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Registration in memory; counts lookups. */
    private static final class FakeGateway extends RegistrationGateway {

        private final Map<String, RegisteredClient> clients = new HashMap<>();
        private int lookups;

        FakeGateway() {
            super(null, null);
        }

        void register(String clientId, List<String> methods, String secret) {
            clients.put(clientId, new RegisteredClient(clientId, List.of("read"), List.of(), List.of("client_credentials"),
                    methods, List.of(ClientSecretVerifier.hash(secret))));
        }

        void registerPublic(String clientId, List<String> methods) {
            clients.put(clientId, new RegisteredClient(clientId, List.of("read"), List.of(),
                    List.of("authorization_code"), methods, List.of()));
        }

        @Override
        public Optional<RegisteredClient> findClient(String clientId) {
            lookups++;
            return Optional.ofNullable(clients.get(clientId));
        }
    }
}
