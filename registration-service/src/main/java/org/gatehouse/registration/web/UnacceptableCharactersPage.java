package org.gatehouse.registration.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.UnacceptableCharacters;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request platform-common refused for its characters (a NUL in a sign-up field, bytes that are not UTF-8) on the
 * sign-up or developer pages is a browser's form: the user gets the 400 error page, not a JSON body. Every other
 * endpoint of this service is a JSON API and keeps the contract's JSON body.
 */
public class UnacceptableCharactersPage {

    @ServerExceptionMapper
    public Response page(UnacceptableCharacters e, HttpServerRequest request) {
        // The raw path: the refused request may not even decode.
        String path = request.path();
        boolean page = isUnder(path, "/signup") || isUnder(path, "/developer");
        return page ? Pages.error(e.status(), "Request refused", e.description() + ".") : ErrorResponses.of(e);
    }

    private static boolean isUnder(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
