package org.gatehouse.common.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Builds the one error response shape: JSON body, {@code Cache-Control: no-store}, challenge on 401. */
public final class ErrorResponses {

    public static final String BEARER_REALM = "gatehouse";

    private ErrorResponses() {
    }

    public static Response of(OAuthException e) {
        return build(e.error(), e.status(), e.description(), e.headers());
    }

    public static Response of(OAuthError error, String description) {
        return build(error, error.status(), description, Map.of());
    }

    static Response build(OAuthError error, int status, String description, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(new ErrorResponse(error.code(), description));
        headers.forEach(response::header);
        if (status == 401 && !headers.containsKey("WWW-Authenticate")) {
            response.header("WWW-Authenticate", defaultChallenge(error, description));
        }
        return response.build();
    }

    /** RFC 6749 §5.2 asks for the scheme the client tried; RFC 6750 §3 for the Bearer error attributes. */
    private static String defaultChallenge(OAuthError error, String description) {
        if (error == OAuthError.INVALID_CLIENT) {
            return "Basic realm=\"" + BEARER_REALM + "\"";
        }
        return "Bearer realm=\"" + BEARER_REALM + "\", error=\"" + error.code() + "\", error_description=\""
                + description.replace("\"", "'") + "\"";
    }
}
