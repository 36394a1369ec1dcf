package org.gatehouse.registration.web;

import java.util.Map;

/**
 * Plain words for each permission of the catalogue ({@code Permissions.GRANULAR}), as a developer chooses what an app will ask users for. The
 * strings themselves are shown next to them, since they are what the API and the app's code use.
 */
final class PermissionLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("openid", "Confirm who the user is"),
            Map.entry("profile", "See the user's name and profile"),
            Map.entry("email", "See the user's email address"),
            Map.entry("read:accounts", "Read the user's account details"),
            Map.entry("read:nodes", "Read the user's nodes"),
            Map.entry("write:nodes", "Create and change the user's nodes"),
            Map.entry("delete:nodes", "Delete the user's nodes"),
            Map.entry("admin:read", "Read administrative data"),
            Map.entry("admin:write", "Change administrative settings"));

    private PermissionLabels() {
    }

    static String of(String permission) {
        return LABELS.getOrDefault(permission, "Use the permission " + permission);
    }
}
