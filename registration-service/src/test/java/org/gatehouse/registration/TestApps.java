package org.gatehouse.registration;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Registers Mastodon apps through the public API, the way a client would. */
public final class TestApps {

    private TestApps() {
    }

    /** A registered app: its public JSON plus the one-time secret. */
    public record App(String clientId, String clientSecret, JsonPath json) {
    }

    public static App register(String name, String redirectUris, String scopes) {
        return register(Map.of("client_name", name, "redirect_uris", redirectUris, "scopes", scopes));
    }

    public static App register(Map<String, Object> body) {
        JsonPath json = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/apps")
                .then().statusCode(200)
                .extract().jsonPath();
        return new App(json.getString("client_id"), json.getString("client_secret"), json);
    }

    public static App registerDefault() {
        return register(Map.of("client_name", "Test app", "redirect_uris", List.of("https://app.example/cb"),
                "scopes", "read write", "website", "https://app.example"));
    }
}
