package org.gatehouse.registration.developer;

import java.util.List;

/** What a developer registers an app with, before validation; {@code null} lists mean "not given". */
public record DeveloperAppRequest(String name, List<String> redirectUris, List<String> requestedPermissions) {
}
