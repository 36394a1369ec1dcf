package org.gatehouse.authorization.consent;

import org.gatehouse.common.permission.Permissions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One plain sentence per permission of {@link Permissions}, for the consent and account pages: users consent to
 * what an app may do, not to scope strings.
 */
public final class PermissionDescriptions {

    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("openid", "Confirm who you are"),
            Map.entry("profile", "See your name and profile"),
            Map.entry("email", "See your email address"),
            Map.entry("read:accounts", "Read your account details"),
            Map.entry("read:nodes", "Read your nodes"),
            Map.entry("write:nodes", "Create and change your nodes"),
            Map.entry("delete:nodes", "Delete your nodes"),
            Map.entry("admin:read", "Read administrative data"),
            Map.entry("admin:write", "Change administrative settings"),
            Map.entry("follow", "Use follow features (grants nothing extra here)"),
            Map.entry("push", "Receive push notifications (grants nothing extra here)"),
            Map.entry(Permissions.INTROSPECTION, "Check whether access tokens are valid"));

    private PermissionDescriptions() {
    }

    /** The sentences for a set of scopes, aliases expanded, in the catalogue's display order. */
    public static List<String> describe(Collection<String> scopes) {
        List<String> expanded = new ArrayList<>(Permissions.expand(scopes));
        expanded.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return expanded.stream().map(PermissionDescriptions::sentence).toList();
    }

    public static String sentence(String permission) {
        return SENTENCES.getOrDefault(permission, "Use the permission " + permission);
    }

    private static int rank(String permission) {
        int index = Permissions.GRANULAR.indexOf(permission);
        return index < 0 ? Permissions.GRANULAR.size() : index;
    }
}
