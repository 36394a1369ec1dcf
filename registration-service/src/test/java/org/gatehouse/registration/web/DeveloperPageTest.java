package org.gatehouse.registration.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.gatehouse.registration.testing.AuthorizationServiceDouble;
import org.gatehouse.registration.testing.HtmlForms;
import org.gatehouse.registration.testing.TestAccounts;
import org.gatehouse.registration.testing.TestDeveloperApps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(AuthorizationServiceDouble.class)
class DeveloperPageTest {

    private static final String SESSION_COOKIE = "gatehouse_session";

    private TestAccounts.Account developer;
    private String session;

    @BeforeEach
    void signIn() {
        developer = TestAccounts.create("pages");
        session = AuthorizationServiceDouble.sessionFor(developer.id(), developer.username());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-such-session-0000000000", "x"})
    void handleWhenNotSignedInThen303ToLoginComingBackHere(String cookie) {
        RequestSpecification request = given().redirects().follow(false);
        if (!cookie.isEmpty()) {
            request.cookie(SESSION_COOKIE, cookie);
        }
        HtmlForms.assertSecurityHeaders(request.when().get("/developer").then())
                .statusCode(303)
                .header("Location", "/login?return_to=/developer");
    }

    @Test
    void handleWhenNotSignedInOnSubPageThenReturnToThatPage() {
        given().redirects().follow(false).when().get("/developer/apps/new")
                .then().statusCode(303)
                .header("Location", "/login?return_to=/developer/apps/new");
    }

    @Test
    void handleWhenSessionUserHasNoAccountHereThen303ToLogin() {
        given().redirects().follow(false)
                .cookie(SESSION_COOKIE, AuthorizationServiceDouble.sessionFor(UUID.randomUUID(), "ghost"))
                .when().get("/developer")
                .then().statusCode(303)
                .header("Location", "/login?return_to=/developer");
    }

    @Test
    void handleWhenSessionCannotBeCheckedThen503PageNotALoginRedirect() {
        HtmlForms.assertSecurityHeaders(given().redirects().follow(false)
                .cookie(SESSION_COOKIE, AuthorizationServiceDouble.UNAVAILABLE)
                .when().get("/developer").then())
                .statusCode(503)
                .contentType(ContentType.HTML)
                .header("Retry-After", "5");
    }

    @Test
    void handleWhenSignedInThenDashboardListsOnlyOwnApps() {
        TestDeveloperApps.App mine = TestDeveloperApps.register(developer.id(), "My dashboard app");
        TestAccounts.Account other = TestAccounts.create("stranger");
        TestDeveloperApps.App theirs = TestDeveloperApps.register(other.id(), "Someone else's app");

        String html = HtmlForms.assertSecurityHeaders(signedIn().when().get("/developer").then())
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(allOf(containsString(developer.username()), containsString("My dashboard app"),
                        containsString(mine.clientId()), containsString("href=\"/developer/apps/new\""),
                        not(containsString(theirs.clientId())), not(containsString("Someone else"))))
                .extract().asString();
        assertFalse(html.contains(mine.apiKey().substring(mine.apiKey().indexOf('.') + 1)));
    }

    @Test
    void handleWhenAppRegisteredThroughFormThenKeyShownOnceAndWorks() {
        ExtractableResponse<Response> form = HtmlForms.assertSecurityHeaders(
                        signedIn().when().get("/developer/apps/new").then())
                .statusCode(200)
                .body(allOf(containsString("name=\"redirect_uris\""), containsString("value=\"read:nodes\""),
                        containsString("Read the user&#39;s nodes"), containsString("Delete the user&#39;s nodes")))
                .extract();
        String token = HtmlForms.csrfToken(form);

        String page = HtmlForms.assertSecurityHeaders(signedIn()
                        .cookie(HtmlForms.CSRF_COOKIE, token)
                        .contentType(ContentType.URLENC)
                        .formParam("name", "Garden Planner")
                        .formParam("redirect_uris", "https://garden.example/cb\r\nhttp://localhost:5173/cb")
                        .formParam("requested_permissions", "read:nodes", "write:nodes")
                        .formParam("csrf_token", token)
                        .when().post("/developer/apps").then())
                .statusCode(201)
                .contentType(ContentType.HTML)
                .body(allOf(containsString("Garden Planner"), containsString("shown only once")))
                .extract().asString();
        String apiKey = HtmlForms.apiKey(page);
        assertThat(apiKey, matchesPattern("gh_tp_[A-Za-z0-9]{16}\\.[A-Za-z0-9_-]{43}"));
        assertTrue(TestDeveloperApps.accepted(apiKey));
        String clientId = page.replaceAll("(?s).*<code id=\"client-id\">(tp_[^<]+)</code>.*", "$1");
        assertThat(clientId, matchesPattern("tp_[A-Za-z0-9_-]{24}"));

        String secret = apiKey.substring(apiKey.indexOf('.') + 1);
        signedIn().when().get("/developer").then().statusCode(200)
                .body(allOf(containsString("Garden Planner"), not(containsString(secret))));
        signedIn().when().get("/developer/apps/{id}", clientId).then().statusCode(200)
                .body(allOf(containsString("https://garden.example/cb"), containsString("http://localhost:5173/cb"),
                        containsString("Create and change the user&#39;s nodes"),
                        containsString(apiKey.substring(0, apiKey.indexOf('.'))), not(containsString(secret))));
    }

    @Test
    void handleWhenFormInvalidThen400FormWithReasonAndEntriesKept() {
        String token = HtmlForms.csrfToken(signedIn().when().get("/developer/apps/new").then().extract());
        signedIn().cookie(HtmlForms.CSRF_COOKIE, token)
                .contentType(ContentType.URLENC)
                .formParam("name", "No permissions")
                .formParam("redirect_uris", "https://np.example/cb")
                .formParam("csrf_token", token)
                .when().post("/developer/apps")
                .then().statusCode(400)
                .contentType(ContentType.HTML)
                .body(allOf(containsString("role=\"alert\""), containsString("at least one permission"),
                        containsString("value=\"No permissions\""), containsString("https://np.example/cb")));
    }

    @Test
    void handleWhenCsrfTokenMissingOrWrongThen403AndNoApp() {
        signedIn().contentType(ContentType.URLENC)
                .formParam("name", "Forged").formParam("redirect_uris", "https://forged.example/cb")
                .formParam("requested_permissions", "read:nodes")
                .when().post("/developer/apps")
                .then().statusCode(403).contentType(ContentType.HTML);
        signedIn().cookie(HtmlForms.CSRF_COOKIE, "A".repeat(43)).contentType(ContentType.URLENC)
                .formParam("name", "Forged").formParam("redirect_uris", "https://forged.example/cb")
                .formParam("requested_permissions", "read:nodes").formParam("csrf_token", "B".repeat(43))
                .when().post("/developer/apps")
                .then().statusCode(403);
        signedIn().when().get("/developer").then().statusCode(200).body(not(containsString("Forged")));
    }

    @Test
    void handleWhenKeyRotatedFromPageThenNewKeyShownOnceAndOldOneRefused() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Rotate me");
        ExtractableResponse<Response> details = HtmlForms.assertSecurityHeaders(
                        signedIn().when().get("/developer/apps/{id}", app.clientId()).then())
                .statusCode(200)
                .body(allOf(containsString("action=\"/developer/apps/" + app.clientId() + "/api-key\""),
                        containsString("action=\"/developer/apps/" + app.clientId() + "/delete\""),
                        containsString("stops working as soon as the new one is created")))
                .extract();
        String token = HtmlForms.csrfToken(details);

        signedIn().contentType(ContentType.URLENC).when().post("/developer/apps/{id}/api-key", app.clientId())
                .then().statusCode(403);
        assertTrue(TestDeveloperApps.accepted(app.apiKey()));

        String page = signedIn().cookie(HtmlForms.CSRF_COOKIE, token).contentType(ContentType.URLENC)
                .formParam("csrf_token", token)
                .when().post("/developer/apps/{id}/api-key", app.clientId())
                .then().statusCode(200)
                .body(containsString("Your new API key"))
                .extract().asString();
        String rotated = HtmlForms.apiKey(page);
        assertNotEquals(app.apiKey(), rotated);
        assertTrue(TestDeveloperApps.accepted(rotated));
        assertFalse(TestDeveloperApps.accepted(app.apiKey()));
    }

    @Test
    void handleWhenAppDeletedFromPageThen303ToDashboardAndKeyDead() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Delete me");
        String token = HtmlForms.csrfToken(signedIn().when().get("/developer/apps/{id}", app.clientId()).then().extract());

        HtmlForms.assertSecurityHeaders(signedIn().cookie(HtmlForms.CSRF_COOKIE, token).contentType(ContentType.URLENC)
                        .formParam("csrf_token", token)
                        .when().post("/developer/apps/{id}/delete", app.clientId()).then())
                .statusCode(303)
                .header("Location", "/developer?notice=deleted");
        assertFalse(TestDeveloperApps.accepted(app.apiKey()));
        signedIn().when().get("/developer?notice=deleted").then().statusCode(200)
                .body(allOf(containsString("The app was deleted"), not(containsString(app.clientId()))));
    }

    @Test
    void handleWhenAnotherUsersAppOpenedOrChangedThen404Page() {
        TestAccounts.Account other = TestAccounts.create("owner");
        TestDeveloperApps.App theirs = TestDeveloperApps.register(other.id(), "Not yours");
        signedIn().when().get("/developer/apps/{id}", theirs.clientId())
                .then().statusCode(404).contentType(ContentType.HTML).body(not(containsString("Not yours")));

        String token = HtmlForms.csrfToken(signedIn().when().get("/developer/apps/new").then().extract());
        for (String action : new String[] {"api-key", "delete"}) {
            signedIn().cookie(HtmlForms.CSRF_COOKIE, token).contentType(ContentType.URLENC)
                    .formParam("csrf_token", token)
                    .when().post("/developer/apps/{id}/" + action, theirs.clientId())
                    .then().statusCode(404);
        }
        assertTrue(TestDeveloperApps.accepted(theirs.apiKey()));
    }

    @Test
    void handleWhenPostedWithoutSessionThen303ToLoginAndNothingChanges() {
        TestDeveloperApps.App app = TestDeveloperApps.register(developer.id(), "Unattended");
        given().redirects().follow(false).cookie(HtmlForms.CSRF_COOKIE, "A".repeat(43))
                .contentType(ContentType.URLENC).formParam("csrf_token", "A".repeat(43))
                .when().post("/developer/apps/{id}/delete", app.clientId())
                .then().statusCode(303)
                .header("Location", equalTo("/login?return_to=/developer"));
        assertTrue(TestDeveloperApps.accepted(app.apiKey()));
    }

    private RequestSpecification signedIn() {
        return given().redirects().follow(false).cookie(SESSION_COOKIE, session);
    }

}
