package org.gatehouse.authorization.profile;

import org.gatehouse.common.permission.Permissions;

import java.util.List;

/**
 * The profiles every user starts with (issue 6: "Basic" is {@code profile} + {@code read:accounts}, "Everything"
 * is all). "Everything" is every granular permission of the catalogue, {@code admin:*} included as the contract
 * says: a profile only caps what an app may do for the user, it never adds rights the user lacks, so for an
 * account without administrative rights the {@code admin:*} entries expose nothing.
 */
public final class DefaultProfiles {

    public static final String BASIC = "Basic";
    public static final String EVERYTHING = "Everything";

    static final List<Definition> ALL = List.of(
            new Definition(BASIC, List.of("profile", "read:accounts")),
            new Definition(EVERYTHING, Permissions.GRANULAR));

    private DefaultProfiles() {
    }

    record Definition(String name, List<String> permissions) {
    }
}
