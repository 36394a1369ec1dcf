package org.gatehouse.registration.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds page and redirect responses; {@link SecurityHeadersFilter} adds the security headers. */
final class Pages {

    private Pages() {
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render()).build();
    }

    /** A page holding a form: the CSRF cookie is (re)set with the token the form carries. */
    static Response form(int status, TemplateInstance page, NewCookie csrfCookie) {
        return Response.fromResponse(html(status, page)).cookie(csrfCookie).build();
    }

    static Response error(int status, String title, String message) {
        return html(status, Templates.error(status, title, message));
    }

    /** Missing or wrong CSRF token: 403, and nothing was changed. */
    static Response csrfRefused() {
        return error(403, "Request refused",
                "This form expired or was not sent from this site. Go back, reload the page and try again.");
    }

    static Response unavailable() {
        return Response.fromResponse(error(503, "Temporarily unavailable",
                        "We cannot check your sign-in right now. Please try again in a moment."))
                .header("Retry-After", "5").build();
    }

    /**
     * 303 See Other: after a POST the browser follows with GET. The target is a raw relative header so it stays
     * relative (correct behind the edge).
     */
    static Response seeOther(String location) {
        return Response.status(303).header("Location", location).build();
    }

    /** authorization-service's login page, coming back to {@code returnTo} (a local path) afterwards. */
    static String loginPath(String returnTo) {
        // Slashes may stay literal in a query (RFC 3986 §3.4); everything else that matters is encoded.
        return "/login?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /** A field's error as a sentence: the domain's messages start with the field name in lower case. */
    static String sentence(String description) {
        if (description == null || description.isEmpty()) {
            return description;
        }
        String text = Character.toUpperCase(description.charAt(0)) + description.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
