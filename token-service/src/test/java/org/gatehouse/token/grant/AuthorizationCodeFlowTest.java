package org.gatehouse.token.grant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gatehouse.token.support.AccessTokens;
import org.gatehouse.token.support.AuthorizationDouble;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.gatehouse.token.support.TestCodes;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.gatehouse.token.support.OAuthRequests.exchange;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authorization code grant end to end (RFC 6749 §4.1.3, RFC 7636, OIDC Core §3.1.3) against the doubles. */
@QuarkusTest
class AuthorizationCodeFlowTest {

    private static final String CLIENT = TestClients.MASTODON_ID;
    private static final String SECRET = TestClients.MASTODON_SECRET;

    @Test
    void handleWhenCodeWithS256VerifierThenAccessRefreshAndIdTokens() throws Exception {
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(CLIENT).pkce(verifier).scope("openid read").nonce("n-0S6_WzA2Mj").mint()
                .code();

        JsonPath response = exchange(CLIENT, SECRET, code, verifier).then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo("openid read"))
                .body("created_at", notNullValue())
                .extract().jsonPath();

        JwtClaims access = AccessTokens.verify(response.getString("access_token")).getJwtClaims();
        assertEquals(TestCodes.USER_ID, access.getSubject());
        assertEquals(CLIENT, access.getClaimValueAsString("client_id"));
        assertEquals("openid read", access.getClaimValueAsString("scope"));
        assertEquals(43, response.getString("refresh_token").length());

        JwtContext idToken = verifyIdToken(response.getString("id_token"));
        JwtClaims id = idToken.getJwtClaims();
        assertEquals("JWT", idToken.getJoseObjects().get(0).getHeader("typ"));
        assertEquals(AccessTokens.ISSUER, id.getIssuer());
        assertEquals(TestCodes.USER_ID, id.getSubject());
        assertEquals(List.of(CLIENT), id.getAudience());
        assertEquals("n-0S6_WzA2Mj", id.getClaimValueAsString("nonce"));
        assertEquals(atHash(response.getString("access_token")), id.getClaimValueAsString("at_hash"));
        assertTrue(id.getClaimValue("auth_time", Long.class) <= id.getIssuedAt().getValue());
        assertTrue(id.getExpirationTime().getValue() > id.getIssuedAt().getValue());
    }

    /**
     * OIDC Core §5.5: the claims an authorization request named (the code carries them) are listed in the access
     * token for UserInfo, those named for the ID token too (this service holds no profile data to put there); every
     * access token refreshed from the family carries them forward.
     */
    @Test
    void handleWhenCodeCarriesRequestedClaimsThenAccessTokensNameThemForUserInfoAcrossRefreshes() throws Exception {
        String code = TestCodes.forClient(CLIENT).scope("openid read")
                .claims(List.of("name", "email"), List.of("given_name", "name")).mint().code();
        JsonPath response = exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();

        JwtClaims access = AccessTokens.verify(response.getString("access_token")).getJwtClaims();
        assertEquals(List.of("name", "email", "given_name"), access.getStringListClaimValue("userinfo_claims"));
        assertEquals("openid read", access.getClaimValueAsString("scope"), "the scope is unchanged");
        assertNull(verifyIdToken(response.getString("id_token")).getJwtClaims().getClaimValue("name"));

        JsonPath refreshed = OAuthRequests.refresh(CLIENT, SECRET, response.getString("refresh_token")).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("name", "email", "given_name"), AccessTokens.verify(refreshed.getString("access_token"))
                .getJwtClaims().getStringListClaimValue("userinfo_claims"));

        String plain = TestCodes.forClient(CLIENT).scope("openid read").mint().code();
        JwtClaims withoutClaims = AccessTokens.verify(exchange(CLIENT, SECRET, plain, null).then().statusCode(200)
                .extract().path("access_token")).getJwtClaims();
        assertFalse(withoutClaims.hasClaim("userinfo_claims"), "no claims request, no claim");
    }

    /**
     * OIDC Core §15.1: ID tokens are RS256, which every relying party supports; checked the way one does, with the
     * Nimbus OIDC SDK's validator against the published JWKS (issuer, audience, signature, expiry, nonce).
     */
    @Test
    void handleWhenOpenidRequestedThenIdTokenIsRs256AndPassesNimbusIdTokenValidator() throws Exception {
        String code = TestCodes.forClient(CLIENT).scope("openid read").nonce("n-nimbus").mint().code();
        JsonPath response = exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
        JWKSet jwks = JWKSet.parse(given().get("/oauth/jwks").asString());

        IDTokenValidator validator = new IDTokenValidator(new Issuer(AccessTokens.ISSUER), new ClientID(CLIENT),
                JWSAlgorithm.RS256, jwks);
        IDTokenClaimsSet claims = validator.validate(JWTParser.parse(response.getString("id_token")),
                new Nonce("n-nimbus"));

        assertEquals(TestCodes.USER_ID, claims.getSubject().getValue());
        assertEquals("0", claims.getACR().getValue(), "acr: the one level, as acr_values_supported lists");
        assertEquals(JWSAlgorithm.RS256,
                ((SignedJWT) JWTParser.parse(response.getString("id_token"))).getHeader().getAlgorithm());
        assertEquals("ES256", AccessTokens.verify(response.getString("access_token")).getJoseObjects().get(0)
                .getAlgorithmHeaderValue(), "access tokens stay ES256");
        assertThrows(BadJOSEException.class, () -> new IDTokenValidator(new Issuer(AccessTokens.ISSUER),
                new ClientID(CLIENT), JWSAlgorithm.ES256, jwks)
                .validate(JWTParser.parse(response.getString("id_token")), new Nonce("n-nimbus")));
    }

    /**
     * OpenID Connect Dynamic Client Registration §2: a client that registered {@code id_token_signed_response_alg}
     * ES256 gets ES256 ID tokens (from the ES256 ring, checked by Nimbus against the published JWKS), which an
     * RS256 validator refuses.
     */
    @Test
    void handleWhenClientRegisteredEs256ForIdTokensThenIdTokenIsEs256AndPassesNimbusIdTokenValidator()
            throws Exception {
        String clientId = TestClients.ES256_ID_TOKENS_ID;
        String code = TestCodes.forClient(clientId).scope("openid read").nonce("n-es").mint().code();
        JsonPath response = exchange(clientId, TestClients.ES256_ID_TOKENS_SECRET, code, null).then().statusCode(200)
                .extract().jsonPath();
        JWKSet jwks = JWKSet.parse(given().get("/oauth/jwks").asString());
        SignedJWT idToken = (SignedJWT) JWTParser.parse(response.getString("id_token"));

        IDTokenClaimsSet claims = new IDTokenValidator(new Issuer(AccessTokens.ISSUER), new ClientID(clientId),
                JWSAlgorithm.ES256, jwks).validate(idToken, new Nonce("n-es"));

        assertEquals(TestCodes.USER_ID, claims.getSubject().getValue());
        assertEquals(JWSAlgorithm.ES256, idToken.getHeader().getAlgorithm());
        assertEquals("0", claims.getACR().getValue());
        assertThrows(BadJOSEException.class, () -> new IDTokenValidator(new Issuer(AccessTokens.ISSUER),
                new ClientID(clientId), JWSAlgorithm.RS256, jwks).validate(idToken, new Nonce("n-es")));
    }

    @Test
    void handleWhenScopeWithoutOpenidThenNoIdToken() {
        String code = TestCodes.forClient(CLIENT).scope("read").mint().code();

        exchange(CLIENT, SECRET, code, null).then()
                .statusCode(200)
                .body("id_token", nullValue())
                .body("refresh_token", notNullValue());
    }

    @Test
    void handleWhenVerifierDoesNotMatchThenInvalidGrant() {
        String code = TestCodes.forClient(CLIENT).pkce(TestCodes.verifier()).mint().code();

        assertInvalidGrant(exchange(CLIENT, SECRET, code, TestCodes.verifier()).then());
    }

    @Test
    void handleWhenVerifierMissingThenInvalidGrant() {
        String code = TestCodes.forClient(CLIENT).pkce(TestCodes.verifier()).mint().code();

        exchange(CLIENT, SECRET, code, null).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("code_verifier is required"));
    }

    @Test
    void handleWhenVerifierSentWithoutChallengeThenInvalidGrant() {
        String code = TestCodes.forClient(CLIENT).mint().code();

        assertInvalidGrant(exchange(CLIENT, SECRET, code, TestCodes.verifier()).then());
    }

    @Test
    void handleWhenRedirectUriDiffersThenInvalidGrant() {
        String code = TestCodes.forClient(CLIENT).mint().code();

        OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", "https://app.example/other")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void handleWhenRedirectUriOmittedButSentInAuthorizationRequestThenInvalidGrant() {
        String code = TestCodes.forClient(CLIENT).mint().code();

        OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("redirect_uri must be the one of the authorization request"));
    }

    @Test
    void handleWhenRedirectUriOmittedInBothRequestsThenTokens() {
        String code = TestCodes.forClient(CLIENT).redirectUriNotInRequest().mint().code();

        // The seed-style client: POST /api/token.php with only code, client_id, client_secret.
        given()
                .formParam("code", code)
                .formParam("client_id", CLIENT)
                .formParam("client_secret", SECRET)
                .post("/api/token.php")
                .then()
                .statusCode(200)
                .body("access_token", notNullValue());
    }

    @Test
    void handleWhenRedirectUriSentThoughNotInAuthorizationRequestThenItMustStillMatch() {
        String code = TestCodes.forClient(CLIENT).redirectUriNotInRequest().mint().code();

        exchange(CLIENT, SECRET, code, null).then().statusCode(200);
    }

    @Test
    void handleWhenCodeIssuedToAnotherClientThenInvalidGrant() {
        String code = TestCodes.forClient(TestClients.CODE_ONLY_ID).mint().code();

        assertInvalidGrant(exchange(CLIENT, SECRET, code, null).then());
    }

    @Test
    void handleWhenCodeExpiredThenInvalidGrant() {
        String code = TestCodes.forClient(CLIENT).mint().code();
        TestCodes.expire(code);

        assertInvalidGrant(exchange(CLIENT, SECRET, code, null).then());
    }

    @Test
    void handleWhenCodeUnknownThenInvalidGrant() {
        assertInvalidGrant(exchange(CLIENT, SECRET, "no-such-code", null).then());
    }

    @Test
    void handleWhenCodeMissingThenInvalidRequest() {
        OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "authorization_code")
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void handleWhenCodeReplayedThenInvalidGrantAndTokensOfFirstExchangeRevoked() throws Exception {
        long before = System.currentTimeMillis();
        String code = TestCodes.forClient(CLIENT).mint().code();
        JsonPath first = exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
        String jti = AccessTokens.verify(first.getString("access_token")).getJwtClaims().getJwtId();

        assertInvalidGrant(exchange(CLIENT, SECRET, code, null).then());

        assertInvalidGrant(OAuthRequests.refresh(CLIENT, SECRET, first.getString("refresh_token")).then());
        OAuthRequests.revokedJtis(before).then().statusCode(200).body("jtis.jti", hasItem(jti));
        OAuthRequests.introspect(CLIENT, SECRET, first.getString("access_token")).then()
                .statusCode(200).body("active", equalTo(false));
    }

    @Test
    void handleWhenReplayedCodeGaveNoRefreshTokenThenItsAccessTokenIsStillDenylisted() throws Exception {
        long before = System.currentTimeMillis();
        String code = TestCodes.forClient(TestClients.NO_REFRESH_ID).mint().code();
        JsonPath first = exchange(TestClients.NO_REFRESH_ID, TestClients.NO_REFRESH_SECRET, code, null).then()
                .statusCode(200)
                .body("refresh_token", nullValue())
                .extract().jsonPath();
        String jti = AccessTokens.verify(first.getString("access_token")).getJwtClaims().getJwtId();

        assertInvalidGrant(exchange(TestClients.NO_REFRESH_ID, TestClients.NO_REFRESH_SECRET, code, null).then());

        OAuthRequests.revokedJtis(before).then().statusCode(200).body("jtis.jti", hasItem(jti));
    }

    /** Code theft by another registered client: it must neither use the code up nor make it count as replayed. */
    @Test
    void handleWhenAnotherClientPresentsTheCodeThenInvalidGrantAndTheCodeStillWorksForItsClient() {
        String code = TestCodes.forClient(CLIENT).mint().code();

        assertInvalidGrant(exchange(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET, code, null).then());

        exchange(CLIENT, SECRET, code, null).then().statusCode(200).body("access_token", notNullValue());
    }

    /** Revocation by proxy: another client replaying a code it saw must not revoke the code's own client's tokens. */
    @Test
    void handleWhenAnotherClientReplaysAUsedCodeThenTheTokensOfItsClientStayActive() {
        String code = TestCodes.forClient(CLIENT).mint().code();
        JsonPath first = exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();

        assertInvalidGrant(exchange(TestClients.CODE_ONLY_ID, TestClients.CODE_ONLY_SECRET, code, null).then());

        OAuthRequests.introspect(CLIENT, SECRET, first.getString("access_token")).then()
                .statusCode(200).body("active", equalTo(true));
        OAuthRequests.refresh(CLIENT, SECRET, first.getString("refresh_token")).then().statusCode(200);
    }

    /** A request without the right redirect_uri or code_verifier (a stolen code without its verifier) burns nothing. */
    @Test
    void handleWhenRedirectUriOrVerifierWrongThenInvalidGrantAndTheCodeIsNotUsedUp() {
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(CLIENT).pkce(verifier).mint().code();

        exchange(CLIENT, SECRET, code, TestCodes.verifier()).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("code_verifier does not match the code_challenge"));
        OAuthRequests.as(CLIENT, SECRET)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", "https://app.example/other")
                .formParam("code_verifier", verifier)
                .post("/oauth/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("redirect_uri must be the one of the authorization request"));

        exchange(CLIENT, SECRET, code, verifier).then().statusCode(200).body("access_token", notNullValue());
    }

    /**
     * Anyone can name a public client: replaying its used code without the verifier must not revoke its tokens (only a
     * replay that proves the verifier counts).
     */
    @Test
    void handleWhenPublicClientsCodeReplayedWithoutItsVerifierThenNothingRevoked() {
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(TestClients.PUBLIC_ID).pkce(verifier).mint().code();
        String accessToken = exchange(TestClients.PUBLIC_ID, null, code, verifier).then().statusCode(200)
                .extract().path("access_token");

        assertInvalidGrant(exchange(TestClients.PUBLIC_ID, null, code, null).then());
        assertInvalidGrant(exchange(TestClients.PUBLIC_ID, null, code, TestCodes.verifier()).then());

        OAuthRequests.introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, accessToken).then()
                .statusCode(200).body("active", equalTo(true));
        assertInvalidGrant(exchange(TestClients.PUBLIC_ID, null, code, verifier).then());
        OAuthRequests.introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, accessToken).then()
                .statusCode(200).body("active", equalTo(false));
    }

    /**
     * RFC 6749 §4.1.2: the replay revokes the access token already issued from the code, also one that introspection
     * has already seen (and cached) as active, and puts it on the denylist resource servers poll.
     */
    @Test
    void handleWhenCodeReplayedByItsClientThenTheAccessTokenAlreadyInUseIsRevoked() throws Exception {
        long before = System.currentTimeMillis();
        String code = TestCodes.forClient(CLIENT).scope("openid read").mint().code();
        JsonPath first = exchange(CLIENT, SECRET, code, null).then().statusCode(200).extract().jsonPath();
        String accessToken = first.getString("access_token");
        String jti = AccessTokens.verify(accessToken).getJwtClaims().getJwtId();
        OAuthRequests.introspect(CLIENT, SECRET, accessToken).then().statusCode(200).body("active", equalTo(true));

        assertInvalidGrant(exchange(CLIENT, SECRET, code, null).then());

        OAuthRequests.introspect(CLIENT, SECRET, accessToken).then().statusCode(200).body("active", equalTo(false));
        OAuthRequests.introspect(TestClients.INTROSPECTOR_ID, TestClients.INTROSPECTOR_SECRET, accessToken).then()
                .statusCode(200).body("active", equalTo(false));
        OAuthRequests.revokedJtis(before).then().statusCode(200).body("jtis.jti", hasItem(jti));
        assertInvalidGrant(OAuthRequests.refresh(CLIENT, SECRET, first.getString("refresh_token")).then());
    }

    @Test
    void handleWhenPublicClientWithPkceThenTokensWithoutSecret() {
        String verifier = TestCodes.verifier();
        String code = TestCodes.forClient(TestClients.PUBLIC_ID).pkce(verifier).mint().code();

        String refreshToken = exchange(TestClients.PUBLIC_ID, null, code, verifier).then()
                .statusCode(200)
                .extract().path("refresh_token");

        OAuthRequests.refresh(TestClients.PUBLIC_ID, null, refreshToken).then()
                .statusCode(200)
                .body("refresh_token", not(equalTo(refreshToken)));
    }

    @Test
    void handleWhenPublicClientWithoutPkceThenInvalidGrant() {
        String code = TestCodes.forClient(TestClients.PUBLIC_ID).mint().code();

        exchange(TestClients.PUBLIC_ID, null, code, null).then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("Public clients must use PKCE"));
    }

    @Test
    void handleWhenConfidentialClientSendsOnlyClientIdThenInvalidClient() {
        String code = TestCodes.forClient(CLIENT).mint().code();

        exchange(CLIENT, null, code, null).then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void handleWhenAuthorizationServiceFailsThenTemporarilyUnavailable() {
        exchange(CLIENT, SECRET, AuthorizationDouble.UNAVAILABLE_CODE, null).then()
                .statusCode(503)
                .header("Retry-After", "5")
                .body("error", equalTo("temporarily_unavailable"));
    }

    @Test
    void handleWhenRedemptionConnectionDropsThenTemporarilyUnavailableAndNotRetried() {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue(AuthorizationDouble.URL_PROPERTY, String.class);
        int before = Integer.parseInt(given().get(url + "/_fixture/dropped-redemptions").asString());

        exchange(CLIENT, SECRET, AuthorizationDouble.DROPPED_CODE, null).then()
                .statusCode(503)
                .header("Retry-After", "5")
                .body("error", equalTo("temporarily_unavailable"));

        // The code may have been used up by the dropped attempt: a retry would look like a replay, so there is none.
        assertEquals(1, Integer.parseInt(given().get(url + "/_fixture/dropped-redemptions").asString()) - before);
    }

    private static void assertInvalidGrant(io.restassured.response.ValidatableResponse response) {
        response.statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_grant"));
    }

    private static JwtContext verifyIdToken(String idToken) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/oauth/jwks").asString());
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(AccessTokens.ISSUER)
                .setExpectedAudience(CLIENT)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .build()
                .process(idToken);
    }

    /** OIDC Core §3.1.3.6, computed independently of main code. */
    private static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
