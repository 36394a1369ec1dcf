package org.gatehouse.system;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientDeleteRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientReadRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4 end to end, through the public edge of a real local run only, with the client side written entirely with
 * an independent library (Nimbus {@code oauth2-oidc-sdk} and {@code nimbus-jose-jwt}): the client reads the
 * server's metadata (RFC 8414), registers itself (RFC 7591) with its own public keys, authenticates with
 * {@code private_key_jwt} or {@code client_secret_jwt} (RFC 7523 §2.2, §3) in a client credentials grant, verifies
 * the RFC 9068 access token against the published JWKS, and manages its registration with the registration access
 * token (RFC 7592).
 */
class DynamicClientRegistrationFlowTest {

    /** ARCHITECTURE.md: a deleted client or a replaced key stops working within 5 s; 1 s more for the round trips. */
    private static final Duration CHANGE_TAKES_EFFECT = Duration.ofSeconds(6);
    private static final Scope SCOPE = new Scope("read:nodes", "read:accounts");

    private static LocalRun run;
    private static AuthorizationServerMetadata server;

    @BeforeAll
    static void startPlatform() throws Exception {
        run = LocalRun.start("DynamicClientRegistrationFlowTest", Map.of());
        server = AuthorizationServerMetadata.resolve(new Issuer(run.publicUrl));
    }

    @AfterAll
    static void stopPlatform() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void discoveryWhenResolvedByNimbusThenEveryEndpointIsUnderThePublicEdge() {
        assertEquals(new Issuer(run.publicUrl), server.getIssuer());
        assertEquals(URI.create(run.publicUrl + "/oauth/token"), server.getTokenEndpointURI());
        assertEquals(URI.create(run.publicUrl + "/oauth/register"), server.getRegistrationEndpointURI());
        assertEquals(URI.create(run.publicUrl + "/oauth/jwks"), server.getJWKSetURI());
        assertTrue(server.getTokenEndpointAuthMethods().containsAll(List.of(
                ClientAuthenticationMethod.PRIVATE_KEY_JWT, ClientAuthenticationMethod.CLIENT_SECRET_JWT)),
                String.valueOf(server.getTokenEndpointAuthMethods()));
        assertTrue(server.getTokenEndpointJWSAlgs().containsAll(List.of(JWSAlgorithm.ES256, JWSAlgorithm.HS256)),
                String.valueOf(server.getTokenEndpointJWSAlgs()));
        assertTrue(server.getGrantTypes().contains(GrantType.CLIENT_CREDENTIALS));
    }

    @Test
    void privateKeyJwtClientWhenRegisteredDynamicallyThenItsAccessTokenVerifiesAgainstTheJwks() throws Exception {
        ECKey key = newKey("machine-1");

        ClientInformation client = register(privateKeyJwtMetadata("Nimbus machine client", key));

        assertNull(client.getSecret(), "a private_key_jwt client gets no secret");
        assertNotNull(client.getRegistrationAccessToken());
        assertEquals(URI.create(run.publicUrl + "/oauth/register/" + client.getID()), client.getRegistrationURI());
        ClientMetadata registered = client.getMetadata();
        assertEquals(ClientAuthenticationMethod.PRIVATE_KEY_JWT, registered.getTokenEndpointAuthMethod());
        assertEquals(Set.of(GrantType.CLIENT_CREDENTIALS), registered.getGrantTypes());
        assertEquals(SCOPE, registered.getScope());
        assertEquals(key.toPublicJWK(), registered.getJWKSet().getKeyByKeyId("machine-1"));

        AccessTokenResponse tokens = success(tokenRequest(privateKeyJwt(client.getID(), key)));

        assertNull(tokens.getTokens().getRefreshToken(), "client_credentials issues no refresh token");
        assertTrue(tokens.getTokens().getAccessToken().getLifetime() > 0);
        JWTClaimsSet claims = verifyAccessToken(tokens.getTokens().getAccessToken().getValue());
        assertEquals(client.getID().getValue(), claims.getStringClaim("client_id"));
        assertEquals(client.getID().getValue(), claims.getSubject());
        assertEquals(SCOPE, Scope.parse(claims.getStringClaim("scope")));
        assertTrue(claims.getExpirationTime().after(new Date()));
    }

    @Test
    void privateKeyJwtWhenSameAssertionSentTwiceThenSecondIsInvalidClient() throws Exception {
        ECKey key = newKey("replay");
        ClientInformation client = register(privateKeyJwtMetadata("Nimbus replay client", key));
        // One assertion object, one jti: exactly what an attacker who captured the request would send again.
        PrivateKeyJWT assertion = privateKeyJwt(client.getID(), key);

        success(tokenRequest(assertion));
        HTTPResponse replayed = tokenRequest(assertion);

        assertInvalidClient(replayed);
        assertNotNull(replayed.getHeaderValue("WWW-Authenticate"), "RFC 6749 §5.2: 401 carries WWW-Authenticate");
        // A fresh assertion (new jti) from the same client still works: only the replay was refused.
        success(tokenRequest(privateKeyJwt(client.getID(), key)));
    }

    @Test
    void registrationWhenReadUpdatedAndDeletedWithRegistrationAccessTokenThenDeletedClientGetsNoToken()
            throws Exception {
        ECKey firstKey = newKey("first");
        ClientInformation client = register(privateKeyJwtMetadata("Nimbus managed client", firstKey));
        BearerAccessToken registrationToken = client.getRegistrationAccessToken();
        URI configuration = client.getRegistrationURI();
        success(tokenRequest(privateKeyJwt(client.getID(), firstKey)));

        // RFC 7592 §2.1: read.
        ClientInformation read = information(new ClientReadRequest(configuration, registrationToken)
                .toHTTPRequest().send(), 200);
        assertEquals(client.getID(), read.getID());
        assertEquals("Nimbus managed client", read.getMetadata().getName());
        assertEquals(firstKey.toPublicJWK(), read.getMetadata().getJWKSet().getKeyByKeyId("first"));
        // Another client's registration access token does not open this registration.
        ClientInformation other = register(privateKeyJwtMetadata("Nimbus bystander", newKey("other")));
        assertEquals(401, new ClientReadRequest(configuration, other.getRegistrationAccessToken())
                .toHTTPRequest().send().getStatusCode());

        // RFC 7592 §2.2: update replaces the metadata; here a new name and a rotated key.
        ECKey secondKey = newKey("second");
        ClientMetadata changed = privateKeyJwtMetadata("Nimbus managed client, renamed", secondKey);
        ClientInformation updated = information(new ClientUpdateRequest(configuration, client.getID(),
                registrationToken, changed, null).toHTTPRequest().send(), 200);
        assertEquals(client.getID(), updated.getID());
        assertEquals("Nimbus managed client, renamed", updated.getMetadata().getName());
        assertNull(updated.getMetadata().getJWKSet().getKeyByKeyId("first"));
        assertEquals(secondKey.toPublicJWK(), updated.getMetadata().getJWKSet().getKeyByKeyId("second"));
        await().atMost(CHANGE_TAKES_EFFECT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            success(tokenRequest(privateKeyJwt(client.getID(), secondKey)));
            assertInvalidClient(tokenRequest(privateKeyJwt(client.getID(), firstKey)));
        });

        // RFC 7592 §2.3: delete; the client is gone and so is the token that managed it.
        assertEquals(204, new ClientDeleteRequest(configuration, registrationToken).toHTTPRequest().send()
                .getStatusCode());
        assertEquals(401, new ClientReadRequest(configuration, registrationToken).toHTTPRequest().send()
                .getStatusCode());
        long deleted = System.nanoTime();
        await().atMost(CHANGE_TAKES_EFFECT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertInvalidClient(tokenRequest(privateKeyJwt(client.getID(), secondKey))));
        System.out.printf("[system-tests] deleted client refused after %d ms%n",
                Duration.ofNanos(System.nanoTime() - deleted).toMillis());
    }

    @Test
    void clientSecretJwtClientWhenRegisteredThroughTheEdgeThenNimbusClientSecretJwtGetsAToken() throws Exception {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName("Nimbus HMAC client");
        metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_JWT);
        metadata.setScope(SCOPE);

        // Needs registration.client-jwt-secret-key, which the local launcher now provides: without it, 503.
        ClientInformation client = register(metadata);

        assertEquals(ClientAuthenticationMethod.CLIENT_SECRET_JWT, client.getMetadata().getTokenEndpointAuthMethod());
        Secret secret = client.getSecret();
        assertNotNull(secret, "a client_secret_jwt client is issued a secret");
        assertTrue(secret.getValueBytes().length >= 32, "HS256 needs a 256-bit secret");
        AccessTokenResponse tokens = success(tokenRequest(new ClientSecretJWT(client.getID(),
                server.getTokenEndpointURI(), JWSAlgorithm.HS256, secret)));
        JWTClaimsSet claims = verifyAccessToken(tokens.getTokens().getAccessToken().getValue());
        assertEquals(client.getID().getValue(), claims.getStringClaim("client_id"));
        assertEquals(SCOPE, Scope.parse(claims.getStringClaim("scope")));

        Secret wrong = new Secret(secret.getValue() + "x");
        assertInvalidClient(tokenRequest(new ClientSecretJWT(client.getID(), server.getTokenEndpointURI(),
                JWSAlgorithm.HS256, wrong)));
    }

    private static ECKey newKey(String keyId) throws Exception {
        return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
    }

    /**
     * OpenID Connect Dynamic Registration has no {@code scope} member, so a relying party (Spring Security, the
     * OpenID conformance suite) registers without one and then asks for {@code openid}: its request must reach the
     * login page, and with {@code prompt=none} come back {@code login_required}, never {@code invalid_scope}.
     */
    @Test
    void relyingPartyWhenRegisteredWithoutScopeThenOpenidRequestReachesLoginAndPromptNoneIsLoginRequired()
            throws Exception {
        URI callback = URI.create("https://rp.example/cb");
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName("Nimbus relying party");
        metadata.setRedirectionURI(callback);
        ClientInformation client = register(metadata);
        assertTrue(client.getMetadata().getScope().contains("openid"), String.valueOf(client.getMetadata().getScope()));

        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(new ResponseType("code"),
                new Scope("openid"), client.getID(), callback)
                .endpointURI(server.getAuthorizationEndpointURI()).state(new State("rp")).nonce(new Nonce());
        HTTPResponse toLogin = getWithoutFollowing(request.build().toURI());
        assertEquals(302, toLogin.getStatusCode(), toLogin.getBody());
        assertTrue(toLogin.getHeaderValue("Location").startsWith("/login?return_to="),
                toLogin.getHeaderValue("Location"));

        HTTPResponse silent = getWithoutFollowing(request.prompt(new Prompt(Prompt.Type.NONE)).build().toURI());
        assertEquals(302, silent.getStatusCode(), silent.getBody());
        String location = silent.getHeaderValue("Location");
        assertTrue(location.startsWith(callback + "?error=login_required"), location);
        assertTrue(location.contains("state=rp"), location);
    }

    /**
     * A GET whose redirect is not followed; a 503 (a sibling call timed out on a cold, busy machine) is retried,
     * as a browser user would reload.
     */
    private static HTTPResponse getWithoutFollowing(URI uri) throws Exception {
        HTTPResponse[] response = new HTTPResponse[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HTTPRequest get = new HTTPRequest(HTTPRequest.Method.GET, uri);
            get.setFollowRedirects(false);
            response[0] = get.send();
            return response[0].getStatusCode() != 503;
        });
        return response[0];
    }

    /** A machine client: client_credentials only, so no redirect URI (RFC 7591 §2), only its public key. */
    private static ClientMetadata privateKeyJwtMetadata(String name, ECKey key) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName(name);
        metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        metadata.setJWKSet(new JWKSet(key.toPublicJWK()));
        metadata.setScope(SCOPE);
        return metadata;
    }

    /** RFC 7591 §3.1 at the registration endpoint the metadata names; 201 and the client information. */
    private static ClientInformation register(ClientMetadata metadata) throws Exception {
        HTTPResponse response = new ClientRegistrationRequest(server.getRegistrationEndpointURI(), metadata, null)
                .toHTTPRequest().send();
        return information(response, 201);
    }

    private static ClientInformation information(HTTPResponse response, int expectedStatus) throws Exception {
        assertEquals(expectedStatus, response.getStatusCode(), response.getBody());
        ClientRegistrationResponse parsed = ClientRegistrationResponse.parse(response);
        return assertInstanceOf(ClientInformationResponse.class, parsed).getClientInformation();
    }

    /** The assertion's aud is the token endpoint as discovered, as RFC 7523 §3 item 3 allows. */
    private static PrivateKeyJWT privateKeyJwt(ClientID clientId, ECKey key) throws Exception {
        return new PrivateKeyJWT(clientId, server.getTokenEndpointURI(), JWSAlgorithm.ES256, key.toECPrivateKey(),
                key.getKeyID(), null);
    }

    private static HTTPResponse tokenRequest(ClientAuthentication clientAuthentication) throws Exception {
        return new TokenRequest(server.getTokenEndpointURI(), clientAuthentication, new ClientCredentialsGrant(), SCOPE)
                .toHTTPRequest().send();
    }

    private static AccessTokenResponse success(HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        TokenResponse parsed = TokenResponse.parse(response);
        assertTrue(parsed.indicatesSuccess(), response.getBody());
        return parsed.toSuccessResponse();
    }

    private static void assertInvalidClient(HTTPResponse response) throws Exception {
        assertEquals(401, response.getStatusCode(), response.getBody());
        ErrorObject error = assertInstanceOf(TokenErrorResponse.class, TokenResponse.parse(response)).getErrorObject();
        assertEquals(OAuth2Error.INVALID_CLIENT.getCode(), error.getCode());
        assertNotNull(error.getDescription(), "error_description");
    }

    /**
     * As a resource server using nimbus-jose-jwt checks an RFC 9068 token: ES256 by a key of the JWKS the metadata
     * names, {@code typ at+jwt}, iss = aud = the issuer, and the claims §2.2 requires.
     */
    private static JWTClaimsSet verifyAccessToken(String token) throws Exception {
        JWKSet jwks = JWKSet.load(server.getJWKSetURI().toURL(), 5_000, 5_000, 0);
        jwks.getKeys().forEach(k -> assertFalse(k.isPrivate(), "the JWKS publishes a private key: " + k.getKeyID()));
        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        assertNotNull(jwks.getKeyByKeyId(kid), "kid " + kid + " not in the JWKS");

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(run.publicUrl,
                new JWTClaimsSet.Builder().issuer(run.publicUrl).build(),
                Set.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope")));
        return processor.process(token, null);
    }
}
