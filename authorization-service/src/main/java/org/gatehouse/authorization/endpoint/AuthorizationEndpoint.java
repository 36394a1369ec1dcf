package org.gatehouse.authorization.endpoint;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.authorization.code.AuthorizationFlow;
import org.gatehouse.authorization.code.AuthorizationRequest;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.authorization.web.AuthorizationPages;
import org.gatehouse.authorization.web.SessionCookies;

import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 §3.1), GET with a query or POST with a form body, at {@code /oauth/authorize}
 * and the aliases {@code /api/authorize} and {@code /api/authorize.php} that clients of such APIs call.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.1">RFC 6749 §3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1">RFC 6749 §4.1.1</a>
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AuthorizationEndpoint {

    private final AuthorizationFlow flow;
    private final AuthorizationPages pages;
    private final LoginSessions sessions;
    private final SessionCookies cookies;

    public AuthorizationEndpoint(AuthorizationFlow flow, AuthorizationPages pages, LoginSessions sessions,
                                 SessionCookies cookies) {
        this.flow = flow;
        this.pages = pages;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GET
    @Path("oauth/authorize")
    public Response authorize(@Context UriInfo uri, @Context HttpHeaders headers) {
        return handle(uri.getQueryParameters(), headers, false);
    }

    @POST
    @Path("oauth/authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response authorizeForm(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        return handle(form, headers, true);
    }

    @GET
    @Path("api/authorize")
    public Response apiAuthorize(@Context UriInfo uri, @Context HttpHeaders headers) {
        return handle(uri.getQueryParameters(), headers, false);
    }

    @POST
    @Path("api/authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apiAuthorizeForm(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        return handle(form, headers, true);
    }

    @GET
    @Path("api/authorize.php")
    public Response phpAuthorize(@Context UriInfo uri, @Context HttpHeaders headers) {
        return handle(uri.getQueryParameters(), headers, false);
    }

    @POST
    @Path("api/authorize.php")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response phpAuthorizeForm(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        return handle(form, headers, true);
    }

    private Response handle(MultivaluedMap<String, String> parameters, HttpHeaders headers, boolean post) {
        Optional<SignedInUser> user = cookies.sessionId(headers).flatMap(sessions::find);
        return pages.render(flow.authorize(AuthorizationRequest.of(parameters), user), post);
    }
}
