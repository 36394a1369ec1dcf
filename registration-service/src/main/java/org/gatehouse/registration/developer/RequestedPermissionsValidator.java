package org.gatehouse.registration.developer;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what a third-party app asks to do on users' behalf against the one permission catalogue
 * ({@link Permissions}). Aliases ({@code read}, {@code write}, {@code admin}) are expanded, so what is stored and
 * shown is exactly what the consent page and the resource server compare. Mastodon compatibility scopes mean
 * nothing for an API-key app and are refused; operator-granted scopes ({@code introspection}, {@code admin:*}) are
 * never an app's to ask for.
 */
@ApplicationScoped
public class RequestedPermissionsValidator {

    static final int MAX_PERMISSIONS = 50;

    /** The granular permissions, in catalogue order, duplicates dropped. */
    public List<String> validate(Collection<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw invalid("requested_permissions must name at least one permission");
        }
        if (requested.size() > MAX_PERMISSIONS) {
            throw invalid("requested_permissions has too many entries");
        }
        for (String permission : requested) {
            if (permission != null && Permissions.isOperatorGranted(permission)) {
                throw invalid("Permission '" + permission + "' is granted by an operator, never requested by an app");
            }
            if (permission == null || !(Permissions.GRANULAR.contains(permission)
                    || Permissions.ALIASES.contains(permission))) {
                throw invalid("Unknown permission '" + echo(permission) + "'; known: "
                        + String.join(", ", Permissions.APP_REQUESTABLE)
                        + " (or read, write)");
            }
        }
        Set<String> expanded = new LinkedHashSet<>(Permissions.expand(requested));
        return Permissions.GRANULAR.stream().filter(expanded::contains).toList();
    }

    private static String echo(String permission) {
        if (permission == null) {
            return "null";
        }
        String printable = permission.replaceAll("[^\\x21-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_SCOPE, description);
    }
}
