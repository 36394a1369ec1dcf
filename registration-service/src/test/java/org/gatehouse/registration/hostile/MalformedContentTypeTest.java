package org.gatehouse.registration.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Content-Type that is not a media type ({@code foo}, {@code /}, {@code text/}, an empty value) on sign-up or app
 * registration answered 500 with a stack trace in the log: Quarkus REST failed to parse it while matching the
 * endpoint. It is the client's mistake: 400 {@code invalid_request}, and nothing is created.
 */
@QuarkusTest
class MalformedContentTypeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void postWhenContentTypeIsNotAMediaTypeThenInvalidRequestNotServerError() throws Exception {
        for (String path : new String[] {"/register", "/api/v1/apps", "/oauth/register"}) {
            for (String contentType : new String[] {"foo", "/", "text/", ""}) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                                URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"ctype_user\",\"client_name\":\"x\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                String at = path + " with Content-Type '" + contentType + "': " + answer.body();
                assertEquals(400, answer.statusCode(), at);
                assertEquals("invalid_request", JsonPath.from(answer.body()).getString("error"), at);
            }
        }
    }
}
