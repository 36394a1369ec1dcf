package org.gatehouse.registration.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The pages (src/main/resources/templates), checked against these signatures at build time. */
@CheckedTemplate(requireTypeSafeExpressions = true)
final class Templates {

    private Templates() {
    }

    static native TemplateInstance signup(String csrfToken, String returnTo, String loginLink, String username,
                                          String email, String displayName, String error);

    static native TemplateInstance signupDone(String username);

    static native TemplateInstance developer(String username, List<AppRow> apps, String notice);

    static native TemplateInstance developerAppForm(String username, String csrfToken, String name,
                                                    String redirectUris, List<PermissionChoice> permissions,
                                                    String error);

    static native TemplateInstance developerAppKey(String username, String heading, AppRow app, String apiKey);

    static native TemplateInstance developerApp(String username, String csrfToken, AppRow app, String rotationNote);

    static native TemplateInstance error(int status, String title, String message);

    /** One developer app as the pages show it; {@code keyPrefix} is the public start of its key. */
    record AppRow(String clientId, String name, List<String> redirectUris, List<PermissionRow> permissions,
                  String keyPrefix, String createdOn) {
    }

    /** A requested permission: its catalogue string and what it lets the app do. */
    record PermissionRow(String value, String label) {
    }

    /** A checkbox of the registration form. */
    record PermissionChoice(String value, String label, boolean checked) {
    }
}
