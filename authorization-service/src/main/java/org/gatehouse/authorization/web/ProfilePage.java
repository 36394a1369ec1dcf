package org.gatehouse.authorization.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.consent.PermissionDescriptions;
import org.gatehouse.authorization.crypto.OpaqueTokens;
import org.gatehouse.authorization.login.LoginSessions;
import org.gatehouse.authorization.login.SignedInUser;
import org.gatehouse.authorization.profile.ExposureProfiles;
import org.gatehouse.authorization.profile.Profile;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /account/profiles}: create, edit and delete exposure profiles with plain forms (checkboxes over the
 * permission catalogue, described in words). Every POST carries the session's CSRF token.
 */
@Path("/account/profiles")
@Produces(MediaType.TEXT_HTML)
public class ProfilePage {

    private final ExposureProfiles profiles;
    private final LoginSessions sessions;
    private final SessionCookies cookies;

    public ProfilePage(ExposureProfiles profiles, LoginSessions sessions, SessionCookies cookies) {
        this.profiles = profiles;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GET
    @Path("/new")
    public Response newForm(@Context HttpHeaders headers) {
        Optional<SignedInUser> user = user(headers);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath("/account/profiles/new"), false);
        }
        return form(200, null, null, List.of(), user.get(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("csrf_token") String csrfToken, @FormParam("name") String name,
                           @FormParam("permissions") List<String> permissions, @Context HttpHeaders headers) {
        Optional<SignedInUser> user = user(headers);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath("/account/profiles/new"), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), csrfToken)) {
            return Pages.csrfRefused();
        }
        try {
            profiles.create(user.get().userId(), name, permissions == null ? List.of() : permissions);
            return Pages.redirect("/account?notice=" + AccountPage.PROFILE_CREATED, true);
        } catch (OAuthException e) {
            return form(e.status(), null, name, permissions, user.get(), e.description());
        }
    }

    @GET
    @Path("/{id}")
    public Response editForm(@PathParam("id") String id, @Context HttpHeaders headers) {
        Optional<SignedInUser> user = user(headers);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath("/account"), false);
        }
        Optional<Profile> profile = ExposureProfiles.parseId(id).flatMap(uuid -> profiles.find(user.get().userId(), uuid));
        if (profile.isEmpty()) {
            return notFound();
        }
        return form(200, profile.get().id(), profile.get().name(), profile.get().permissions(), user.get(), null);
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, @FormParam("csrf_token") String csrfToken,
                           @FormParam("name") String name, @FormParam("permissions") List<String> permissions,
                           @Context HttpHeaders headers) {
        Optional<SignedInUser> user = user(headers);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath("/account"), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), csrfToken)) {
            return Pages.csrfRefused();
        }
        Optional<UUID> uuid = ExposureProfiles.parseId(id);
        if (uuid.isEmpty()) {
            return notFound();
        }
        try {
            profiles.update(user.get().userId(), uuid.get(), name, permissions == null ? List.of() : permissions);
            return Pages.redirect("/account?notice=" + AccountPage.PROFILE_SAVED, true);
        } catch (OAuthException e) {
            if (e.error() == OAuthError.NOT_FOUND) {
                return notFound();
            }
            return form(e.status(), uuid.get(), name, permissions, user.get(), e.description());
        }
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @FormParam("csrf_token") String csrfToken,
                           @Context HttpHeaders headers) {
        Optional<SignedInUser> user = user(headers);
        if (user.isEmpty()) {
            return Pages.redirect(Pages.loginPath("/account"), true);
        }
        if (!OpaqueTokens.matches(user.get().csrfToken(), csrfToken)) {
            return Pages.csrfRefused();
        }
        Optional<UUID> uuid = ExposureProfiles.parseId(id);
        if (uuid.isEmpty()) {
            return notFound();
        }
        try {
            profiles.delete(user.get().userId(), uuid.get());
            return Pages.redirect("/account?notice=" + AccountPage.PROFILE_DELETED, true);
        } catch (OAuthException e) {
            if (e.error() == OAuthError.CONFLICT) {
                return Pages.redirect("/account?notice=" + AccountPage.PROFILE_IN_USE, true);
            }
            return notFound();
        }
    }

    private Optional<SignedInUser> user(HttpHeaders headers) {
        return cookies.sessionId(headers).flatMap(sessions::find);
    }

    /** The form, with what the user entered when it is shown again after a refusal. */
    private static Response form(int status, UUID id, String name, List<String> checked, SignedInUser user,
                                 String error) {
        List<String> selected = checked == null ? List.of() : checked;
        List<Templates.PermissionChoice> choices = Permissions.GRANULAR.stream()
                .map(p -> new Templates.PermissionChoice(p, PermissionDescriptions.sentence(p), selected.contains(p)))
                .toList();
        String shownName = name == null || name.length() > 200 ? null : name;
        return Pages.html(status, Templates.profile(id == null ? "New profile" : "Edit profile",
                id == null ? "/account/profiles" : "/account/profiles/" + id, shownName, choices, user.csrfToken(),
                error));
    }

    private static Response notFound() {
        return Pages.error(404, OAuthError.NOT_FOUND.code(), "You have no such profile.");
    }
}
