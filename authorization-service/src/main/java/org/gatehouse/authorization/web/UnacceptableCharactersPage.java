package org.gatehouse.authorization.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.thirdparty.ThirdPartyRequest;
import org.gatehouse.common.error.ErrorResponses;
import org.gatehouse.common.error.UnacceptableCharacters;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request platform-common refused for its characters (a NUL in {@code client_id}, bytes that are not UTF-8) is
 * a browser's request on this service's pages: the user gets the 400 error page, not a JSON body. The JSON APIs
 * ({@code /api/v1/authorizations}, {@code /api/v1/exposure-profiles}), {@code /internal} and {@code /q} keep the
 * contract's JSON body.
 */
public class UnacceptableCharactersPage {

    @ServerExceptionMapper
    public Response page(UnacceptableCharacters e, HttpServerRequest request) {
        // The raw path: the refused request may not even decode.
        String path = request.path();
        boolean thirdPartyConsent = path.equals(ThirdPartyRequest.PATH)
                || path.startsWith(ThirdPartyRequest.PATH + "/");
        boolean api = path.startsWith("/internal") || path.startsWith("/q/")
                || (path.startsWith("/api/v1/") && !thirdPartyConsent);
        return api ? ErrorResponses.of(e) : Pages.error(e.status(), e.error().code(), e.description());
    }
}
