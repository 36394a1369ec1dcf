package org.gatehouse.token.endpoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.gatehouse.common.permission.Permissions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8414 / OIDC Discovery: absolute URLs under the exact issuer, and only what works. */
@QuarkusTest
class MetadataEndpointTest {

    private static final String ISSUER = "http://localhost:8080";

    @Test
    void metadataWhenRequestedThenIssuerExactAndEndpointsAbsolute() {
        JsonPath metadata = document("/.well-known/oauth-authorization-server");

        assertEquals(ISSUER, metadata.getString("issuer"));
        assertEquals(ISSUER + "/oauth/authorize", metadata.getString("authorization_endpoint"));
        assertEquals(ISSUER + "/oauth/token", metadata.getString("token_endpoint"));
        assertEquals(ISSUER + "/oauth/jwks", metadata.getString("jwks_uri"));
        assertEquals(ISSUER + "/oauth/register", metadata.getString("registration_endpoint"));
        assertEquals(ISSUER + "/oauth/userinfo", metadata.getString("userinfo_endpoint"));
    }

    @Test
    void metadataWhenRequestedThenAdvertisesOnlyWhatIsImplemented() {
        JsonPath metadata = document("/.well-known/oauth-authorization-server");

        assertEquals(List.of("authorization_code", "client_credentials", "refresh_token"),
                metadata.getList("grant_types_supported"));
        List<String> methods = List.of("client_secret_basic", "client_secret_post", "client_secret_jwt",
                "private_key_jwt", "none");
        List<String> assertionAlgorithms = List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
                "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");
        assertEquals(methods, metadata.getList("token_endpoint_auth_methods_supported"));
        assertEquals(assertionAlgorithms, metadata.getList("token_endpoint_auth_signing_alg_values_supported"));
        assertEquals(ISSUER + "/oauth/revoke", metadata.getString("revocation_endpoint"));
        assertEquals(methods, metadata.getList("revocation_endpoint_auth_methods_supported"));
        assertEquals(assertionAlgorithms, metadata.getList("revocation_endpoint_auth_signing_alg_values_supported"));
        assertEquals(ISSUER + "/oauth/introspect", metadata.getString("introspection_endpoint"));
        assertEquals(methods.subList(0, 4), metadata.getList("introspection_endpoint_auth_methods_supported"));
        assertEquals(assertionAlgorithms,
                metadata.getList("introspection_endpoint_auth_signing_alg_values_supported"));
        assertEquals(List.of("query"), metadata.getList("response_modes_supported"));
        assertTrue(metadata.getList("claims_supported").containsAll(List.of("sub", "nonce", "at_hash", "auth_time",
                "acr", "email", "email_verified", "preferred_username", "name", "given_name", "family_name",
                "middle_name", "nickname", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale",
                "updated_at")), "every OIDC Core §5.1 claim of the profile scope the account model has");
        assertTrue(metadata.getBoolean("claims_parameter_supported"), "OIDC Core §5.5 claims requests are served");
        assertEquals(List.of("0"), metadata.getList("acr_values_supported"));
        assertEquals(List.of("code"), metadata.getList("response_types_supported"));
        assertEquals(List.of("S256"), metadata.getList("code_challenge_methods_supported"));
        assertEquals(List.of("RS256", "ES256"), metadata.getList("id_token_signing_alg_values_supported"));
        assertEquals(List.of("RS256", "ES256"), metadata.getList("userinfo_signing_alg_values_supported"));
        assertEquals(List.of("public"), metadata.getList("subject_types_supported"));
        assertTrue(metadata.getBoolean("authorization_response_iss_parameter_supported"));
        assertFalse(metadata.getBoolean("request_parameter_supported"));
        assertFalse(metadata.getBoolean("request_uri_parameter_supported"));
        List<String> scopes = metadata.getList("scopes_supported");
        assertTrue(scopes.containsAll(Permissions.GRANULAR));
        assertTrue(scopes.containsAll(Permissions.ALIASES));
    }

    @Test
    void openidConfigurationWhenRequestedThenSameDocument() {
        assertEquals(document("/.well-known/oauth-authorization-server").getMap(""),
                document("/.well-known/openid-configuration").getMap(""));
    }

    @Test
    void metadataWhenEveryEndpointListedThenEachIsAnAbsoluteUrlUnderTheIssuer() {
        JsonPath metadata = document("/.well-known/openid-configuration");

        metadata.getMap("").forEach((name, value) -> {
            if (name.toString().endsWith("_endpoint") || name.equals("jwks_uri")) {
                assertTrue(value.toString().startsWith(ISSUER + "/"), name + " is under the issuer");
            }
        });
    }

    private static JsonPath document(String path) {
        return given()
                .get(path)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "public, max-age=300")
                .extract().jsonPath();
    }
}
