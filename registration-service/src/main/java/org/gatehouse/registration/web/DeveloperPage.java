package org.gatehouse.registration.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;
import org.gatehouse.registration.account.AccountDirectory;
import org.gatehouse.registration.account.RegisteredAccount;
import org.gatehouse.registration.apikey.ApiKeyIssuer;
import org.gatehouse.registration.config.RegistrationConfig;
import org.gatehouse.registration.developer.DeveloperAppRequest;
import org.gatehouse.registration.developer.DeveloperApps;
import org.gatehouse.registration.developer.IssuedApp;
import org.gatehouse.registration.developer.ThirdPartyApp;
import org.gatehouse.registration.remote.AuthorizationGateway;
import org.gatehouse.registration.remote.SessionUser;
import org.jboss.resteasy.reactive.RestForm;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /developer}: the developer dashboard (issue 6). A signed-in user registers third-party apps (name, redirect
 * URIs, requested permissions from the catalogue), sees an app's {@code client_id} and API key exactly once, rotates
 * the key and deletes the app. This service has no login session of its own: each request forwards the browser's
 * {@code gatehouse_session} cookie to authorization-service ({@link AuthorizationGateway}); without a live session
 * the browser is sent to {@code /login} and comes back here. Every form is protected by {@link FormCsrf}.
 */
@Path("/developer")
@Produces(MediaType.TEXT_HTML)
public class DeveloperPage {

    static final String HOME = "/developer";
    private static final String NOTICE_DELETED = "deleted";
    private static final int MAX_ECHO = 4000;

    private final AuthorizationGateway authorization;
    private final LoginSessionCookie sessionCookie;
    private final AccountDirectory accounts;
    private final DeveloperApps apps;
    private final ApiKeyIssuer keyIssuer;
    private final FormCsrf csrf;
    private final String rotationNote;

    public DeveloperPage(AuthorizationGateway authorization, LoginSessionCookie sessionCookie,
                         AccountDirectory accounts, DeveloperApps apps, ApiKeyIssuer keyIssuer, FormCsrf csrf,
                         RegistrationConfig config) {
        this.authorization = authorization;
        this.sessionCookie = sessionCookie;
        this.accounts = accounts;
        this.apps = apps;
        this.keyIssuer = keyIssuer;
        this.csrf = csrf;
        this.rotationNote = rotationNote(config.apiKeyRotationOverlap());
    }

    @GET
    public Response dashboard(@QueryParam("notice") String notice, @Context HttpHeaders headers) {
        return signedIn(headers, HOME, user -> Pages.html(200, Templates.developer(user.username(),
                apps.list(user.id()).stream().map(this::row).toList(),
                NOTICE_DELETED.equals(notice) ? "The app was deleted. Its API key no longer works." : null)));
    }

    @GET
    @Path("/apps/new")
    public Response newApp(@Context HttpHeaders headers) {
        return signedIn(headers, HOME + "/apps/new", user -> appForm(200, user, headers, null, null, Set.of(), null));
    }

    @POST
    @Path("/apps")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@RestForm("name") String name, @RestForm("redirect_uris") String redirectUris,
                             @RestForm("requested_permissions") List<String> permissions,
                             @RestForm(FormCsrf.FIELD) String csrfToken, @Context HttpHeaders headers) {
        return signedIn(headers, HOME + "/apps/new", user -> {
            if (!csrf.verify(headers, csrfToken)) {
                return Pages.csrfRefused();
            }
            List<String> chosen = permissions == null ? List.of() : permissions;
            IssuedApp issued;
            try {
                issued = apps.register(user.id(), new DeveloperAppRequest(name, lines(redirectUris), chosen));
            } catch (OAuthException e) {
                return appForm(e.status(), user, headers, name, redirectUris, Set.copyOf(chosen),
                        Pages.sentence(e.description()));
            }
            return Pages.html(201, Templates.developerAppKey(user.username(), "Your app is registered",
                    row(issued.app()), issued.apiKey()));
        });
    }

    @GET
    @Path("/apps/{client_id}")
    public Response app(@PathParam("client_id") String clientId, @Context HttpHeaders headers) {
        return signedIn(headers, HOME, user -> apps.find(user.id(), clientId)
                .map(app -> {
                    String token = csrf.token(headers);
                    return Pages.form(200, Templates.developerApp(user.username(), token, row(app), rotationNote),
                            csrf.cookie(token));
                })
                .orElseGet(DeveloperPage::noSuchApp));
    }

    @POST
    @Path("/apps/{client_id}/api-key")
    public Response rotateKey(@PathParam("client_id") String clientId, @RestForm(FormCsrf.FIELD) String csrfToken,
                              @Context HttpHeaders headers) {
        return signedIn(headers, HOME, user -> {
            if (!csrf.verify(headers, csrfToken)) {
                return Pages.csrfRefused();
            }
            return apps.rotateKey(user.id(), clientId)
                    .map(issued -> Pages.html(200, Templates.developerAppKey(user.username(), "Your new API key",
                            row(issued.app()), issued.apiKey())))
                    .orElseGet(DeveloperPage::noSuchApp);
        });
    }

    @POST
    @Path("/apps/{client_id}/delete")
    public Response delete(@PathParam("client_id") String clientId, @RestForm(FormCsrf.FIELD) String csrfToken,
                           @Context HttpHeaders headers) {
        return signedIn(headers, HOME, user -> {
            if (!csrf.verify(headers, csrfToken)) {
                return Pages.csrfRefused();
            }
            if (!apps.delete(user.id(), clientId)) {
                return noSuchApp();
            }
            return Pages.seeOther(HOME + "?notice=" + NOTICE_DELETED);
        });
    }

    /**
     * Runs {@code page} for the session's user; without a live session the browser goes to log in and then back to
     * {@code returnTo}. A session whose user has no account here (deleted since) counts as none.
     */
    private Response signedIn(HttpHeaders headers, String returnTo, Function<Viewer, Response> page) {
        Optional<SessionUser> session;
        try {
            session = sessionCookie.value(headers).flatMap(authorization::currentSession);
        } catch (OAuthException e) {
            return Pages.unavailable();
        }
        Optional<RegisteredAccount> account = session.flatMap(user -> accounts.find(user.userId()));
        if (account.isEmpty()) {
            return Pages.seeOther(Pages.loginPath(returnTo));
        }
        return page.apply(new Viewer(account.get()));
    }

    private Response appForm(int status, Viewer user, HttpHeaders headers, String name, String redirectUris,
                             Set<String> checked, String error) {
        String token = csrf.token(headers);
        List<Templates.PermissionChoice> choices = Permissions.APP_REQUESTABLE.stream()
                .map(p -> new Templates.PermissionChoice(p, PermissionLabels.of(p), checked.contains(p)))
                .toList();
        return Pages.form(status, Templates.developerAppForm(user.username(), token, echo(name), echo(redirectUris),
                choices, error), csrf.cookie(token));
    }

    private Templates.AppRow row(ThirdPartyApp app) {
        return new Templates.AppRow(app.clientId(), app.name(), app.redirectUris(),
                app.requestedPermissions().stream()
                        .map(p -> new Templates.PermissionRow(p, PermissionLabels.of(p))).toList(),
                keyIssuer.displayPrefix(app.apiKeyId()),
                app.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    }

    private static Response noSuchApp() {
        return Pages.error(404, "App not found", "You have no app with this client ID. It may have been deleted.");
    }

    /** The redirect URIs textarea: one URI per line (any whitespace separates). */
    private static List<String> lines(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.strip().split("\\s+")).toList();
    }

    private static String echo(String value) {
        return value == null || value.length() > MAX_ECHO ? null : value;
    }

    static String rotationNote(Duration overlap) {
        if (overlap.isZero() || overlap.isNegative()) {
            return "The current key stops working as soon as the new one is created.";
        }
        return "The current key keeps working for " + humanize(overlap) + " after the new one is created.";
    }

    private static String humanize(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** The signed-in user of a dashboard request. */
    private record Viewer(RegisteredAccount account) {
        UUID id() {
            return account.id();
        }

        String username() {
            return account.username();
        }
    }
}
