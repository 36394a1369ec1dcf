package org.gatehouse.registration.endpoint;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientDeleteRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientReadRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An independent implementation, Nimbus {@code oauth2-oidc-sdk}, registers a {@code private_key_jwt} client with a
 * key it generated, then reads, updates and deletes it (RFC 7591, RFC 7592): proof that the wire format is the RFC's
 * and not only what this service's own tests expect.
 */
@QuarkusTest
class NimbusDynamicRegistrationTest {

    @TestHTTPResource("/oauth/register")
    URI registrationEndpoint;

    @Test
    void handleWhenNimbusRegistersPrivateKeyJwtClientThenItParsesTheClientInformation() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("nimbus-es256").keyUse(KeyUse.SIGNATURE).generate();
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName("Nimbus machine client");
        metadata.setRedirectionURI(URI.create("https://nimbus.example/callback"));
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS,
                GrantType.REFRESH_TOKEN));
        metadata.setResponseTypes(Set.of(ResponseType.CODE));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        metadata.setJWKSet(new JWKSet(key.toPublicJWK()));
        metadata.setScope(new Scope("read:accounts", "read:nodes"));
        metadata.setEmailContacts(List.of("ops@nimbus.example"));

        HTTPResponse httpResponse = new ClientRegistrationRequest(registrationEndpoint, metadata, null)
                .toHTTPRequest().send();
        assertEquals(201, httpResponse.getStatusCode(), httpResponse.getBody());
        ClientRegistrationResponse response = ClientRegistrationResponse.parse(httpResponse);
        assertTrue(response.indicatesSuccess());
        ClientInformationResponse success = assertInstanceOf(ClientInformationResponse.class, response);
        ClientInformation information = success.getClientInformation();

        assertEquals(24, information.getID().getValue().length());
        assertNull(information.getSecret(), "private_key_jwt clients get no secret");
        assertNotNull(information.getRegistrationAccessToken());
        assertEquals(URI.create("http://localhost:8080/oauth/register/" + information.getID().getValue()),
                information.getRegistrationURI());
        assertTrue(information.getIDIssueDate().toInstant()
                .isAfter(Instant.now().minus(1, ChronoUnit.MINUTES)));
        ClientMetadata registered = information.getMetadata();
        assertEquals(ClientAuthenticationMethod.PRIVATE_KEY_JWT, registered.getTokenEndpointAuthMethod());
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN),
                registered.getGrantTypes());
        assertEquals(Set.of(ResponseType.CODE), registered.getResponseTypes());
        assertEquals(new Scope("read:accounts", "read:nodes"), registered.getScope());
        assertEquals(Set.of(URI.create("https://nimbus.example/callback")), registered.getRedirectionURIs());
        assertEquals("Nimbus machine client", registered.getName());
        ECKey published = registered.getJWKSet().getKeyByKeyId("nimbus-es256").toECKey();
        assertEquals(key.toPublicJWK(), published);
        assertFalse(published.isPrivate());

        // token-service sees the same keys.
        JsonPath lookup = TestDynamicClients.lookup(information.getID().getValue());
        assertEquals(List.of("private_key_jwt"), lookup.getList("token_endpoint_auth_methods"));
        assertEquals(key.getX().toString(), lookup.getString("jwks.keys[0].x"));

        // RFC 7592 with the same library: read, update, delete.
        URI configuration = URI.create(registrationEndpoint + "/" + information.getID().getValue());
        ClientRegistrationResponse read = ClientRegistrationResponse.parse(
                new ClientReadRequest(configuration, information.getRegistrationAccessToken()).toHTTPRequest().send());
        assertEquals(information.getID(), read.toSuccessResponse().getClientInformation().getID());

        registered.setName("Nimbus machine client, renamed");
        ClientRegistrationResponse updated = ClientRegistrationResponse.parse(new ClientUpdateRequest(configuration,
                information.getID(), information.getRegistrationAccessToken(), registered, null)
                .toHTTPRequest().send());
        assertEquals("Nimbus machine client, renamed",
                updated.toSuccessResponse().getClientInformation().getMetadata().getName());

        HTTPResponse deleted = new ClientDeleteRequest(configuration, information.getRegistrationAccessToken())
                .toHTTPRequest().send();
        assertEquals(204, deleted.getStatusCode());
    }

    @Test
    void handleWhenNimbusSendsAPrivateKeyThenItParsesTheRfcError() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("leaked").generate();
        // Nimbus itself publishes only public halves, so the private member is added to the raw JSON.
        ClientMetadata metadata = new ClientMetadata();
        metadata.setRedirectionURI(URI.create("https://nimbus.example/callback"));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        var json = metadata.toJSONObject();
        json.put("jwks", Map.of("keys", List.of(key.toJSONObject())));
        var request = new ClientRegistrationRequest(registrationEndpoint, metadata, null).toHTTPRequest();
        request.setBody(json.toJSONString());

        ClientRegistrationResponse response = ClientRegistrationResponse.parse(request.send());
        assertFalse(response.indicatesSuccess());
        ClientRegistrationErrorResponse error = assertInstanceOf(ClientRegistrationErrorResponse.class, response);
        assertEquals(RegistrationError.INVALID_CLIENT_METADATA, error.getErrorObject());
        assertEquals(400, error.getErrorObject().getHTTPStatusCode());
    }
}
