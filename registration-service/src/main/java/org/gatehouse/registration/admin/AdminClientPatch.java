package org.gatehouse.registration.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code PATCH /admin/api/v1/clients/{client_id}}: the members an operator may change; an absent member is left as
 * it is, any other member is refused (400) rather than silently ignored.
 */
public record AdminClientPatch(
        @JsonProperty("disabled") Boolean disabled,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("scopes") List<String> scopes) {
}
