package org.gatehouse.authorization.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthError;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds page and redirect responses; {@link SecurityHeadersFilter} adds the security headers. */
public final class Pages {

    private Pages() {
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render()).build();
    }

    static Response html(int status, TemplateInstance page, String contentSecurityPolicy) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(ContentSecurityPolicy.HEADER, contentSecurityPolicy)
                .entity(page.render()).build();
    }

    public static Response error(int status, String errorCode, String message) {
        return html(status, Templates.error(status, title(status, errorCode), message, errorCode, null, null));
    }

    /**
     * An error page with a link to {@code continueTo}, the error response at the client: the user, not this
     * server, decides whether to go there.
     */
    public static Response error(int status, String errorCode, String message, String continueTo) {
        if (continueTo == null) {
            return error(status, errorCode, message);
        }
        return html(status, Templates.error(status, title(status, errorCode), message, errorCode, continueTo,
                host(continueTo)));
    }

    /** Missing or wrong CSRF token: 403, and nothing was changed. */
    static Response csrfRefused() {
        return html(403, Templates.error(403, "Request refused",
                "This form expired or was not sent from this site. Go back, reload the page and try again.",
                OAuthError.ACCESS_DENIED.code(), null, null));
    }

    /**
     * A redirect; the target is set as a raw header so relative paths stay relative (correct behind the edge) and
     * private-use schemes are not normalised. 303 after a POST so the browser follows with GET.
     */
    public static Response redirect(String location, boolean afterPost) {
        return Response.status(afterPost ? 303 : 302).header("Location", location).build();
    }

    public static String loginPath(String returnTo) {
        return "/login?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
    }

    /** What the link names: the host, or the scheme of a private-use URI. */
    private static String host(String uri) {
        try {
            URI parsed = URI.create(uri);
            return parsed.getHost() != null ? parsed.getHost() : parsed.getScheme() + ":";
        } catch (IllegalArgumentException e) {
            return "the application";
        }
    }

    private static String title(int status, String errorCode) {
        if (status == 503 || OAuthError.TEMPORARILY_UNAVAILABLE.code().equals(errorCode)) {
            return "Temporarily unavailable";
        }
        if (status == 429) {
            return "Too many attempts";
        }
        return status == 403 ? "Request refused" : "This request cannot be completed";
    }
}
