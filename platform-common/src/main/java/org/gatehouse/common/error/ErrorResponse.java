package org.gatehouse.common.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON error body of RFC 6749 §5.2, used for every error the platform returns. */
public record ErrorResponse(String error, @JsonProperty("error_description") String errorDescription) {
}
