package org.gatehouse.authorization.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.gatehouse.authorization.remote.ProfileClaims;

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

    static native TemplateInstance error(int status, String title, String message, String errorCode,
                                         String continueTo, String continueHost);

    static native TemplateInstance account(String username, String csrfToken, List<AuthorizedApp> apps,
                                           List<PendingRevocation> pending, List<ProfileRow> profiles,
                                           String notice, boolean noticeIsError);

    static native TemplateInstance thirdPartyConsent(String clientName, String website, List<String> permissions,
                                                     String username, String csrfToken, List<HiddenField> fields,
                                                     List<ProfileChoice> profiles, boolean approvable,
                                                     boolean noneCovers, String error, String redirectHost);

    static native TemplateInstance profile(String title, String action, String name,
                                           List<PermissionChoice> permissions, String csrfToken, String error);

    static native TemplateInstance name(String csrfToken, ProfileClaims claims, String error);

    /** A request parameter carried through a form. */
    record HiddenField(String name, String value) {
    }

    /** A row of the account page; {@code profileName} only for a third-party grant. */
    record AuthorizedApp(String clientId, String name, List<String> permissions, String grantedOn,
                         String profileName) {
    }

    /** An app on the account page whose access is revoked while the revocation of its tokens is unconfirmed. */
    record PendingRevocation(String clientId, String name, String revokedOn) {
    }

    /** An exposure profile on the account page. */
    record ProfileRow(String id, String name, List<String> permissions) {
    }

    /** A profile on the third-party consent page; {@code lacking} names what it misses of the request. */
    record ProfileChoice(String id, String name, boolean selected, boolean covers, String lacking) {
    }

    /** A checkbox of the profile form. */
    record PermissionChoice(String value, String description, boolean checked) {
    }
}
