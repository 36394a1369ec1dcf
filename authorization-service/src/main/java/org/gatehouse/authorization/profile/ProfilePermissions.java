package org.gatehouse.authorization.profile;

import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.permission.Permissions;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an exposure profile may hold: granular permissions of the catalogue ({@link Permissions#GRANULAR}).
 * Aliases ({@code read}, {@code write}, {@code admin}) are expanded on save, so a profile always lists exactly what
 * it exposes; compatibility scopes ({@code follow}, {@code push}) grant nothing and {@code introspection} belongs
 * to resource servers, so neither is accepted.
 */
public final class ProfilePermissions {

    private ProfilePermissions() {
    }

    /** The granular permissions {@code requested} stands for, in catalogue order; 400 for anything else. */
    public static List<String> normalize(Collection<String> requested) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String permission : requested) {
            if (permission == null || !(Permissions.GRANULAR.contains(permission)
                    || Permissions.ALIASES.contains(permission))) {
                unknown.add(String.valueOf(permission));
            }
        }
        if (!unknown.isEmpty()) {
            throw OAuthException.invalidRequest("Not a permission a profile can hold: "
                    + String.join(", ", unknown.stream().map(ProfilePermissions::printable).toList()));
        }
        return ordered(Permissions.expand(requested));
    }

    /** The granular permissions among {@code scopes} (aliases expanded), in catalogue order; others dropped. */
    public static List<String> granularOf(Collection<String> scopes) {
        return ordered(Permissions.expand(scopes));
    }

    public static List<String> parse(String stored) {
        return ordered(Permissions.parse(stored));
    }

    private static List<String> ordered(Collection<String> permissions) {
        return Permissions.GRANULAR.stream().filter(permissions::contains).toList();
    }

    /** Echoes a refused value without letting a long or odd one into the description. */
    private static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown.replaceAll("[^\\x20-\\x7E…]", "?") + "\"";
    }
}
