package org.gatehouse.resource.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** All this service may read of a client's registration: how it wants its UserInfo answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientPreferences(@JsonProperty("userinfo_signed_response_alg") String userinfoSignedResponseAlg) {
}
