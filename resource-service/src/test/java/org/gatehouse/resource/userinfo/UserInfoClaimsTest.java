package org.gatehouse.resource.userinfo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.resource.SiblingDoubles;
import org.gatehouse.testing.EmbeddedPostgresResource;
import org.gatehouse.testing.TestJwksResource;
import org.gatehouse.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * OpenID Connect Core §5.5 at UserInfo: the standard claims the authorization request named (token-service lists
 * them in the access token as {@code userinfo_claims}) are released beside those of the scopes, when the account has
 * them; nothing else is.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestJwksResource.class)
@QuarkusTestResource(SiblingDoubles.class)
class UserInfoClaimsTest {

    private static String token(String userId, String scope, Object userInfoClaims) {
        return TestTokens.sign(TestTokens.accessToken(userId, "app-1", scope)
                .claim("userinfo_claims", userInfoClaims));
    }

    @Test
    void ofWhenTokenNamesClaimsThenThoseReleasedBesideTheScopes() {
        String token = token(SiblingDoubles.ALICE_ID, "openid", List.of("name", "email", "given_name"));

        given().auth().oauth2(token).get("/oauth/userinfo").then().statusCode(200)
                .body("sub", equalTo(SiblingDoubles.ALICE_ID))
                .body("name", equalTo("Alice Liddell"))
                .body("given_name", equalTo("Alice"))
                .body("email", equalTo("alice@example.org"))
                .body("$", not(hasKey("family_name")))
                .body("$", not(hasKey("preferred_username")))
                .body("$", not(hasKey("updated_at")))
                .body("$", not(hasKey("email_verified")))
                .body("$", not(hasKey("username")));
        // The same token in a form body (RFC 6750 §2.2) names the same claims.
        given().contentType("application/x-www-form-urlencoded").formParam("access_token", token)
                .post("/oauth/userinfo").then().statusCode(200)
                .body("name", equalTo("Alice Liddell"))
                .body("$", not(hasKey("family_name")));
    }

    @Test
    void ofWhenTokenNamesClaimsAndScopesThenBothReleasedOnce() {
        given().auth().oauth2(token(SiblingDoubles.ALICE_ID, "openid email", List.of("family_name", "email")))
                .get("/oauth/userinfo").then().statusCode(200)
                .body("email", equalTo("alice@example.org"))
                .body("email_verified", equalTo(false))
                .body("family_name", equalTo("Liddell"))
                .body("$", not(hasKey("name")));
    }

    /**
     * The profile claims beyond names, asked for by name with only {@code openid} (as for the ID token, whose profile
     * claims UserInfo answers), are released alone, without the rest of the profile scope.
     */
    @Test
    void ofWhenTokenNamesProfileClaimsBeyondNamesThenOnlyThoseReleased() {
        given().auth().oauth2(token(SiblingDoubles.ALICE_ID, "openid",
                        List.of("birthdate", "picture", "zoneinfo", "locale", "website")))
                .get("/oauth/userinfo").then().statusCode(200)
                .body("birthdate", equalTo("0000-05-04"))
                .body("picture", equalTo("https://wonderland.example/alice.png"))
                .body("zoneinfo", equalTo("Europe/London"))
                .body("locale", equalTo("en-GB"))
                .body("website", equalTo("https://alice.example.org/"))
                .body("size()", equalTo(6));
    }

    /**
     * A claim is released only when the account has it and it is a standard claim: the compatibility names
     * {@code username} and {@code full_name} are the scopes' alone, a claim the account model lacks is absent.
     */
    @Test
    void ofWhenNamedClaimsTheAccountLacksOrNotStandardThenAbsent() {
        given().auth().oauth2(token(SiblingDoubles.NO_EMAIL_USER_ID, "openid",
                        List.of("email", "email_verified", "given_name", "family_name", "username", "full_name",
                                "picture", "nickname", "website", "birthdate", "x-role")))
                .get("/oauth/userinfo").then().statusCode(200)
                .body("sub", equalTo(SiblingDoubles.NO_EMAIL_USER_ID))
                .body("size()", equalTo(1));
        given().auth().oauth2(token(SiblingDoubles.ALICE_ID, "openid", "name"))
                .get("/oauth/userinfo").then().statusCode(200)
                .body("size()", equalTo(1));
    }
}
