package org.gatehouse.resource.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A user's consent to a third-party app: the current permissions of the exposure profile they chose. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppGrant(@JsonProperty("client_id") String clientId,
                       @JsonProperty("user_id") String userId,
                       @JsonProperty("profile_id") String profileId,
                       List<String> permissions) {
}
