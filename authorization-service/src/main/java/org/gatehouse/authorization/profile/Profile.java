package org.gatehouse.authorization.profile;

import java.util.List;
import java.util.UUID;

/** An exposure profile as its owner sees it: granular permissions in catalogue order. */
public record Profile(UUID id, String name, List<String> permissions) {

    public Profile {
        permissions = List.copyOf(permissions);
    }

    /** True when the profile holds every permission of {@code requested} (granular). */
    public boolean covers(List<String> requested) {
        return permissions.containsAll(requested);
    }

    /** What {@code requested} asks for that this profile does not hold, in catalogue order. */
    public List<String> lacking(List<String> requested) {
        return requested.stream().filter(p -> !permissions.contains(p)).toList();
    }
}
