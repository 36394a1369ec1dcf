package org.gatehouse.token.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * token-service's own copy of the account registration-service returns from
 * {@code POST /internal/accounts/authenticate}; only the id is used (it is the subject of user tokens).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(@JsonProperty("id") String id,
                      @JsonProperty("username") String username) {
}
