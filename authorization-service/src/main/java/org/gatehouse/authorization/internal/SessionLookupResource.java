package org.gatehouse.authorization.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;

/**
 * {@code GET /internal/sessions/current}: who is signed in behind a login-session cookie, for sibling pages on
 * the same origin (registration-service's developer dashboard) that have no login of their own. The raw cookie
 * value travels in {@code X-Session}; the session store stays here.
 */
@InternalApi(callers = {ServiceNames.REGISTRATION})
@Path("/internal/sessions/current")
@Produces(MediaType.APPLICATION_JSON)
public class SessionLookupResource {

    private static final int MAX_SESSION_LENGTH = 256;

    private final LoginSessions sessions;

    public SessionLookupResource(LoginSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    public SessionJson current(@HeaderParam("X-Session") String session) {
        if (session == null || session.isBlank() || session.length() > MAX_SESSION_LENGTH) {
            throw notFound();
        }
        return sessions.find(session.trim())
                .map(user -> new SessionJson(user.userId(), user.username()))
                .orElseThrow(SessionLookupResource::notFound);
    }

    private static OAuthException notFound() {
        return new OAuthException(OAuthError.NOT_FOUND, "No live login session");
    }

    public record SessionJson(@JsonProperty("user_id") String userId, String username) {
    }
}
