package org.gatehouse.token.clientauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.RegistrationDouble;
import org.gatehouse.token.support.TestClients;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interoperability: a client written with an independent library (Nimbus OAuth 2.0 SDK) authenticates with
 * {@code private_key_jwt} (ES256, RFC 7523) in a client credentials request and parses the answer as an RFC 6749
 * §5.1 access token response. Nothing here is built by this module's own helpers but the client's registration.
 */
@QuarkusTest
class PrivateKeyJwtInteropTest {

    private static final String CLIENT_ID = "nimbus-private-key-jwt-client";

    @TestHTTPResource("/oauth/token")
    URL tokenEndpoint;

    @ConfigProperty(name = RegistrationDouble.URL_PROPERTY)
    String registrationUrl;

    @Test
    void handleWhenNimbusClientUsesPrivateKeyJwtWithClientCredentialsThenParsableAccessTokenResponse() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("nimbus-es256").generate();
        register(new JWKSet(key.toPublicJWK()).toString());

        // The assertion's aud is the token endpoint under the public issuer, as discovery advertises it; the request
        // itself goes to the test instance.
        PrivateKeyJWT clientAuth = new PrivateKeyJWT(new ClientID(CLIENT_ID),
                URI.create(AccessTokens.ISSUER + "/oauth/token"), JWSAlgorithm.ES256, key.toECPrivateKey(),
                key.getKeyID(), null);
        TokenRequest request = new TokenRequest(tokenEndpoint.toURI(), clientAuth, new ClientCredentialsGrant(),
                new Scope("read"));

        HTTPResponse httpResponse = request.toHTTPRequest().send();

        assertEquals(200, httpResponse.getStatusCode(), httpResponse.getBody());
        TokenResponse response = TokenResponse.parse(httpResponse);
        assertTrue(response.indicatesSuccess());
        AccessTokenResponse success = response.toSuccessResponse();
        assertNotNull(success.getTokens().getBearerAccessToken());
        assertNull(success.getTokens().getRefreshToken());
        assertEquals(3600, success.getTokens().getAccessToken().getLifetime());
        JwtClaims claims = AccessTokens.verify(success.getTokens().getAccessToken().getValue()).getJwtClaims();
        assertEquals(CLIENT_ID, claims.getSubject());
        assertEquals("read", claims.getClaimValueAsString("scope"));
    }

    private void register(String publicJwks) {
        given().contentType(ContentType.JSON)
                .body(TestClients.client(CLIENT_ID).methods("private_key_jwt").scopes("read", "write:nodes")
                        .jwks(publicJwks).json())
                .put(registrationUrl + "/_fixture/clients/" + CLIENT_ID)
                .then().statusCode(204);
    }
}
