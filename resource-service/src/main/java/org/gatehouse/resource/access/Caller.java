package org.gatehouse.resource.access;

import org.gatehouse.resource.bearer.GrantedPermissions;

import java.util.UUID;

/** Who a request acts for and what it may do, however it authenticated. */
public record Caller(UUID userId, GrantedPermissions permissions) {

    public Caller require(String permission) {
        permissions.requireAny(permission);
        return this;
    }
}
