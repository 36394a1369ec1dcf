package org.gatehouse.registration.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** This service's copy of what authorization-service says about a live login session. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionUser(@JsonProperty("user_id") String userId, @JsonProperty("username") String username) {
}
