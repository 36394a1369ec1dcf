package org.gatehouse.authorization.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The pages (src/main/resources/templates), checked against these signatures at build time. */
@CheckedTemplate(requireTypeSafeExpressions = true)
final class Templates {

    private Templates() {
    }

    static native TemplateInstance login(String csrfToken, String returnTo, String username, String error);

    static native TemplateInstance consent(String clientName, String website, List<String> permissions,
                                           String username, String csrfToken, List<HiddenField> fields,
                                           String redirectHost);

    static native TemplateInstance oob(String clientName, String code);

    static native TemplateInstance error(int status, String title, String message, String errorCode);

    static native TemplateInstance account(String username, String csrfToken, List<AuthorizedApp> apps,
                                           String notice);

    /** A request parameter carried through a form. */
    record HiddenField(String name, String value) {
    }

    /** A row of the account page. */
    record AuthorizedApp(String clientId, String name, List<String> permissions, String grantedOn) {
    }
}
