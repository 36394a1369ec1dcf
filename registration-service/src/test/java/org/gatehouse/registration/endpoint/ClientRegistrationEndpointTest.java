package org.gatehouse.registration.endpoint;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.registration.testing.TestDynamicClients;
import org.gatehouse.registration.testing.TestDynamicClients.Registered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.gatehouse.registration.testing.TestDynamicClients.REGISTER;
import static org.gatehouse.registration.testing.TestDynamicClients.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** RFC 7591 {@code POST /oauth/register}: the 201 shape, defaults, and every metadata rule with its error code. */
@QuarkusTest
class ClientRegistrationEndpointTest {

    private static final String PUBLIC_URL = "http://localhost:8080";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void handleWhenFullMetadataThen201WithEveryRegisteredValueAndCredentials() {
        long before = Instant.now().getEpochSecond();
        Map<String, Object> body = body();
        body.put("client_uri", "https://rp.example");
        body.put("logo_uri", "https://rp.example/logo.png");
        body.put("tos_uri", "https://rp.example/tos");
        body.put("policy_uri", "http://rp.example/privacy");
        body.put("contacts", List.of("ops@rp.example", "security@rp.example"));
        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        body.put("response_types", List.of("code"));
        body.put("token_endpoint_auth_method", "client_secret_post");
        body.put("software_id", "4NRB1-0XZABZI9E6-5SM3R");
        body.put("software_version", "2.1");

        JsonPath json = given().contentType(ContentType.JSON).body(body)
                .when().post(REGISTER)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("client_id.length()", is(24))
                .body("client_secret.length()", is(43))
                .body("client_id_issued_at", allOf(greaterThanOrEqualTo((int) before),
                        lessThanOrEqualTo((int) Instant.now().getEpochSecond())))
                .body("client_secret_expires_at", equalTo(0))
                .body("registration_access_token.length()", is(43))
                .body("client_name", equalTo("Relying party"))
                .body("client_uri", equalTo("https://rp.example"))
                .body("logo_uri", equalTo("https://rp.example/logo.png"))
                .body("tos_uri", equalTo("https://rp.example/tos"))
                .body("policy_uri", equalTo("http://rp.example/privacy"))
                .body("contacts", contains("ops@rp.example", "security@rp.example"))
                .body("redirect_uris", contains(TestDynamicClients.REDIRECT_URI))
                .body("token_endpoint_auth_method", equalTo("client_secret_post"))
                .body("grant_types", contains("authorization_code", "refresh_token"))
                .body("response_types", contains("code"))
                .body("scope", equalTo("read write"))
                .body("software_id", equalTo("4NRB1-0XZABZI9E6-5SM3R"))
                .body("software_version", equalTo("2.1"))
                .extract().jsonPath();
        String clientId = json.getString("client_id");
        assertEquals(PUBLIC_URL + "/oauth/register/" + clientId, json.getString("registration_client_uri"));
        assertNotEquals(json.getString("client_secret"), json.getString("registration_access_token"));
    }

    @Test
    void handleWhenRegisteredThenLocationIsTheRegistrationClientUri() {
        String location = given().contentType(ContentType.JSON).body(body())
                .when().post(REGISTER)
                .then().statusCode(201)
                .extract().header("Location");
        assertThat(location, org.hamcrest.Matchers.startsWith(PUBLIC_URL + "/oauth/register/"));
    }

    @Test
    void handleWhenOnlyRedirectUrisThenDefaultsApplied() {
        // OpenID Connect Dynamic Registration has no scope member: the default must let the client sign users in.
        given().contentType(ContentType.JSON).body(Map.of("redirect_uris", List.of(TestDynamicClients.REDIRECT_URI)))
                .when().post(REGISTER)
                .then().statusCode(201)
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("grant_types", contains("authorization_code"))
                .body("response_types", contains("code"))
                .body("scope", equalTo("openid profile email read"))
                .body("client_secret.length()", is(43));
    }

    @Test
    void handleWhenClientNameAbsentThenClientIdStandsIn() {
        // client_name is optional; users still need a name on the consent page.
        Map<String, Object> body = body();
        body.remove("client_name");
        Registered client = TestDynamicClients.register(body);
        assertEquals(client.clientId(), client.json().getString("client_name"));
    }

    @Test
    void handleWhenClientCredentialsOnlyThenNoRedirectUrisNeededAndNoResponseTypes() {
        given().contentType(ContentType.JSON)
                .body(Map.of("grant_types", List.of("client_credentials"), "client_name", "Machine"))
                .when().post(REGISTER)
                .then().statusCode(201)
                .body("grant_types", contains("client_credentials"))
                .body("response_types", empty())
                .body("$", not(hasKey("redirect_uris")))
                .body("scope", equalTo("read"))
                .body("client_secret", notNullValue());
    }

    /**
     * {@code require_pkce} (RFC 9700 §2.1.1): a confidential client may ask that its authorization requests always
     * carry PKCE; it is echoed, defaults to false, and is always true for a public client, which must use PKCE.
     */
    @ParameterizedTest
    @CsvSource({"client_secret_basic,true,true", "client_secret_basic,,false", "client_secret_post,false,false",
            "none,false,true", "none,,true"})
    void handleWhenRequirePkceRegisteredThenEchoed(String method, Boolean requirePkce, boolean expected) {
        Map<String, Object> body = TestDynamicClients.body(method);
        if (requirePkce != null) {
            body.put("require_pkce", requirePkce);
        }
        assertEquals(expected, TestDynamicClients.register(body).json().getBoolean("require_pkce"));
    }

    /**
     * {@code id_token_signed_response_alg} (OpenID Connect Dynamic Client Registration §2): RS256 when not given,
     * ES256 when asked for, echoed either way.
     */
    @ParameterizedTest
    @CsvSource({"ES256,ES256", "RS256,RS256", ",RS256"})
    void handleWhenIdTokenSignedResponseAlgRegisteredThenEchoed(String requested, String expected) {
        Map<String, Object> body = TestDynamicClients.body("client_secret_basic");
        if (requested != null) {
            body.put("id_token_signed_response_alg", requested);
        }
        assertEquals(expected, TestDynamicClients.register(body).json().getString("id_token_signed_response_alg"));
    }

    /**
     * {@code userinfo_signed_response_alg} (OpenID Connect Dynamic Client Registration §2): absent (plain JSON
     * UserInfo) unless given, RS256 or ES256 echoed when given.
     */
    @ParameterizedTest
    @CsvSource({"ES256,ES256", "RS256,RS256", ","})
    void handleWhenUserinfoSignedResponseAlgRegisteredThenEchoedOrAbsent(String requested, String expected) {
        Map<String, Object> body = TestDynamicClients.body("client_secret_basic");
        if (requested != null) {
            body.put("userinfo_signed_response_alg", requested);
        }
        assertEquals(expected, TestDynamicClients.register(body).json().getString("userinfo_signed_response_alg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "client_secret_post", "client_secret_jwt"})
    void handleWhenSecretMethodThenSecretIssued(String method) {
        Registered client = TestDynamicClients.register(method);
        assertThat(client.clientSecret().length(), is(43));
        assertEquals(method, client.json().getString("token_endpoint_auth_method"));
        assertEquals(0, client.json().getInt("client_secret_expires_at"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"private_key_jwt", "none"})
    void handleWhenMethodWithoutSecretThenNoSecretIssued(String method) {
        Map<String, Object> answer = TestDynamicClients.register(method).json().getMap("$");
        assertThat(answer.keySet(), not(org.hamcrest.Matchers.hasItem("client_secret")));
        assertThat(answer.keySet(), not(org.hamcrest.Matchers.hasItem("client_secret_expires_at")));
        assertEquals(method, answer.get("token_endpoint_auth_method"));
        assertThat(answer.get("registration_access_token"), notNullValue());
    }

    @Test
    void handleWhenPrivateKeyJwtWithJwksThenJwksEchoedAsObject() {
        Map<String, Object> key = TestDynamicClients.ecPublicJwk("rp-key");
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.put("jwks", TestDynamicClients.jwks(key));
        given().contentType(ContentType.JSON).body(body)
                .when().post(REGISTER)
                .then().statusCode(201)
                .body("jwks.keys", org.hamcrest.Matchers.hasSize(1))
                .body("jwks.keys[0].kid", equalTo("rp-key"))
                .body("jwks.keys[0].x", equalTo(key.get("x")))
                .body("$", not(hasKey("jwks_uri")));
    }

    @Test
    void handleWhenPrivateKeyJwtWithJwksUriThenRegistered() {
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.remove("jwks");
        body.put("jwks_uri", "https://rp.example/jwks.json");
        given().contentType(ContentType.JSON).body(body)
                .when().post(REGISTER)
                .then().statusCode(201)
                .body("jwks_uri", equalTo("https://rp.example/jwks.json"))
                .body("$", not(hasKey("jwks")));
    }

    @Test
    void handleWhenUnknownMembersThenIgnoredAndNotEchoed() {
        Map<String, Object> body = body();
        body.put("x_custom", "value");
        body.put("client_name#ja-Jpan-JP", "クライアント名");
        body.put("software_statement", "eyJhbGciOiJub25lIn0.e30.");
        Map<String, Object> answer = TestDynamicClients.register(body).json().getMap("$");
        assertThat(answer.keySet(), not(org.hamcrest.Matchers.hasItem("x_custom")));
        assertThat(answer.keySet(), not(org.hamcrest.Matchers.hasItem("client_name#ja-Jpan-JP")));
        assertThat(answer.keySet(), not(org.hamcrest.Matchers.hasItem("software_statement")));
    }

    static Stream<Arguments> invalidMetadata() {
        return Stream.of(
                Arguments.of("token_endpoint_auth_method", "client_secret_magic"),
                Arguments.of("token_endpoint_auth_method", List.of("client_secret_basic")),
                Arguments.of("grant_types", List.of("password")),
                Arguments.of("grant_types", List.of("implicit")),
                Arguments.of("grant_types", "authorization_code"),
                Arguments.of("grant_types", List.of("authorization_code", 7)),
                Arguments.of("response_types", List.of("token")),
                Arguments.of("response_types", List.of("code", "id_token")),
                Arguments.of("scope", "read teleport"),
                Arguments.of("scope", "introspection"),
                Arguments.of("scope", "read admin:write"),
                Arguments.of("scope", "admin"),
                Arguments.of("scope", List.of("read")),
                Arguments.of("client_name", "x".repeat(101)),
                Arguments.of("client_name", "line\nbreak"),
                Arguments.of("client_name", 42),
                // Display spoofing on the consent page: a right-to-left override or a hidden character in a name.
                Arguments.of("client_name", "Your Bank\u202E nigol"),
                Arguments.of("client_name", "Your\u200BBank"),
                Arguments.of("client_uri", "https://rp.example/\u202Efdp.exe"),
                Arguments.of("logo_uri", "https://rp.example:99999/logo.png"),
                Arguments.of("contacts", List.of("ops\u202E@rp.example")),
                Arguments.of("client_uri", "javascript:alert(1)"),
                Arguments.of("logo_uri", "ftp://rp.example/logo.png"),
                Arguments.of("tos_uri", "/relative/tos"),
                Arguments.of("policy_uri", "https://user:pw@rp.example/policy"),
                Arguments.of("contacts", "ops@rp.example"),
                Arguments.of("contacts", List.of("ops@rp.example", "")),
                Arguments.of("contacts", List.of(1, 2)),
                Arguments.of("software_id", "x".repeat(256)),
                Arguments.of("software_version", List.of("1")),
                Arguments.of("jwks", "{\"keys\": []}"),
                Arguments.of("jwks", Map.of("keys", List.of())),
                Arguments.of("jwks_uri", "http://rp.example/jwks.json"),
                Arguments.of("jwks_uri", 5),
                Arguments.of("require_pkce", "yes"),
                Arguments.of("require_pkce", 1),
                // Unsigned ID tokens, algorithms without a key ring here, and a case-folded spelling.
                Arguments.of("id_token_signed_response_alg", "none"),
                Arguments.of("id_token_signed_response_alg", "HS256"),
                Arguments.of("id_token_signed_response_alg", "PS256"),
                Arguments.of("id_token_signed_response_alg", "es256"),
                Arguments.of("id_token_signed_response_alg", List.of("ES256")),
                Arguments.of("userinfo_signed_response_alg", "none"),
                Arguments.of("userinfo_signed_response_alg", "HS256"),
                Arguments.of("userinfo_signed_response_alg", 256));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidMetadata")
    void handleWhenMemberInvalidThen400InvalidClientMetadata(String member, Object value) {
        Map<String, Object> body = body();
        body.put(member, value);
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenResponseTypeCodeWithoutAuthorizationCodeGrantThen400InvalidClientMetadata() {
        Map<String, Object> body = body();
        body.put("grant_types", List.of("client_credentials"));
        body.put("response_types", List.of("code"));
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenRefreshTokenWithoutAuthorizationCodeThen400InvalidClientMetadata() {
        Map<String, Object> body = body();
        body.put("grant_types", List.of("client_credentials", "refresh_token"));
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenPrivateKeyJwtWithoutKeysThen400InvalidClientMetadata() {
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.remove("jwks");
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenJwksAndJwksUriBothThen400InvalidClientMetadata() {
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.put("jwks_uri", "https://rp.example/jwks.json");
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenJwksHoldsAPrivateKeyThen400InvalidClientMetadata() {
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.put("jwks", TestDynamicClients.jwks(TestDynamicClients.ecPrivateJwk("leaked")));
        post(body).statusCode(400)
                .body("error", equalTo("invalid_client_metadata"))
                .body("error_description", org.hamcrest.Matchers.containsString("public keys only"));
    }

    @Test
    void handleWhenJwksHoldsASymmetricKeyThen400InvalidClientMetadata() {
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.put("jwks", TestDynamicClients.jwks(Map.of("kty", "oct", "k", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0")));
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenJwksUriIsHttpOnAnotherHostThen400InvalidClientMetadata() {
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.remove("jwks");
        body.put("jwks_uri", "http://keys.rp.example/jwks.json");
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenJwksUriIsHttpOnLoopbackThenRegistered() {
        Map<String, Object> body = TestDynamicClients.body("private_key_jwt");
        body.remove("jwks");
        body.put("jwks_uri", "http://127.0.0.1:9999/jwks.json");
        post(body).statusCode(201).body("jwks_uri", equalTo("http://127.0.0.1:9999/jwks.json"));
    }

    @Test
    void handleWhenNoneWithClientCredentialsThen400InvalidClientMetadata() {
        Map<String, Object> body = TestDynamicClients.body("none");
        body.put("grant_types", List.of("authorization_code", "client_credentials"));
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenNoneWithoutAuthorizationCodeThen400InvalidClientMetadata() {
        Map<String, Object> body = TestDynamicClients.body("none");
        body.put("grant_types", List.of("client_credentials"));
        body.remove("redirect_uris");
        assertError(post(body), "invalid_client_metadata");
    }

    @Test
    void handleWhenAuthorizationCodeWithoutRedirectUrisThen400InvalidRedirectUri() {
        Map<String, Object> body = body();
        body.remove("redirect_uris");
        assertError(post(body), "invalid_redirect_uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://rp.example/cb", "https://rp.example/cb#fragment", "javascript:alert(1)",
            "relative/cb", "https://user@rp.example/cb"})
    void handleWhenRedirectUriInvalidThen400InvalidRedirectUri(String redirectUri) {
        Map<String, Object> body = body();
        body.put("redirect_uris", List.of(redirectUri));
        assertError(post(body), "invalid_redirect_uri");
    }

    /**
     * A loopback redirect URI is matched on any port at the authorization endpoint (RFC 8252 §7.3), so its port must
     * be one: {@code 99999}, {@code 0} and {@code 04000} were registered before; now 1 to 65535 in canonical decimal.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999/cb", "http://127.0.0.1:0/cb", "http://127.0.0.1:04000/cb",
            "http://[::1]:65536/cb", "http://127.0.0.1:/cb", "https://rp.example:99999/cb"})
    void handleWhenRedirectUriPortOutOfRangeZeroOrNotCanonicalThen400InvalidRedirectUri(String redirectUri) {
        Map<String, Object> body = body();
        body.put("redirect_uris", List.of(redirectUri));
        assertError(post(body), "invalid_redirect_uri");
    }

    @Test
    void handleWhenRedirectUrisNotAnArrayThen400InvalidRedirectUri() {
        Map<String, Object> body = body();
        body.put("redirect_uris", TestDynamicClients.REDIRECT_URI);
        assertError(post(body), "invalid_redirect_uri");
    }

    @Test
    void handleWhenEmptyJsonObjectThen400InvalidRedirectUri() {
        assertError(given().contentType(ContentType.JSON).body("{}").when().post(REGISTER).then(),
                "invalid_redirect_uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml"})
    void handleWhenNotJsonThen415Json(String contentType) {
        given().contentType(contentType).body("client_name")
                .when().post(REGISTER)
                .then().statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
    }

    @Test
    void handleWhenFormThen415Json() {
        given().contentType(ContentType.URLENC).formParam("client_name", "x")
                .when().post(REGISTER)
                .then().statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
    }

    @Test
    void handleWhenMalformedJsonThen400() {
        given().contentType(ContentType.JSON).body("{\"redirect_uris\": [")
                .when().post(REGISTER)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
    }

    @Test
    void handleWhenOpenRegistrationThenNoTokenNeededAndAnyBearerIgnored() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer whatever").body(body())
                .when().post(REGISTER)
                .then().statusCode(201);
    }

    @Test
    void handleWhenRegisteredThenDatabaseHoldsOnlyHashesOfSecretAndRegistrationToken() throws Exception {
        Registered client = TestDynamicClients.register("client_secret_basic");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select c.registration_token_hash, c.jwt_secret_ciphertext, s.secret_hash"
                             + " from registration.client c join registration.client_secret s on s.client_id = c.id"
                             + " where c.client_id = ?")) {
            statement.setString(1, client.clientId());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                assertEquals(ClientSecretIssuer.hash(client.registrationAccessToken()), row.getString(1));
                assertEquals(null, row.getString(2));
                assertEquals(ClientSecretIssuer.hash(client.clientSecret()), row.getString(3));
            }
        }
        assertEquals(List.of(), tablesContaining(client.clientSecret()));
        assertEquals(List.of(), tablesContaining(client.registrationAccessToken()));
    }

    @Test
    void handleWhenClientSecretJwtRegisteredThenSecretStoredEncryptedNotInClear() throws Exception {
        Registered client = TestDynamicClients.register("client_secret_jwt");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select jwt_secret_ciphertext from registration.client where client_id = ?")) {
            statement.setString(1, client.clientId());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                assertThat(row.getString(1), org.hamcrest.Matchers.startsWith("v1."));
            }
        }
        assertEquals(List.of(), tablesContaining(client.clientSecret()));
    }

    private static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(REGISTER).then();
    }

    private static void assertError(ValidatableResponse response, String error) {
        response.statusCode(400)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("error", equalTo(error))
                .body("error_description", notNullValue());
    }

    /** Every registration table whose text (any column) contains {@code value}. */
    private List<String> tablesContaining(String value) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : List.of("client", "client_secret")) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "select count(*) from registration." + table + " t where strpos(t::text, ?) > 0")) {
                    statement.setString(1, value);
                    try (ResultSet count = statement.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            tables.add(table);
                        }
                    }
                }
            }
        }
        return tables;
    }
}
