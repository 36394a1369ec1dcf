package org.gatehouse.token.introspection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The introspection response of RFC 7662 §2.2 (https://www.rfc-editor.org/rfc/rfc7662#section-2.2). An inactive
 * token is described by {@code active} alone: nothing else may be told about it.
 *
 * @param aud a string when the token has one audience, else an array (§2.2 allows both)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
        @JsonProperty("active") boolean active,
        @JsonProperty("scope") String scope,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("sub") String sub,
        @JsonProperty("exp") Long exp,
        @JsonProperty("iat") Long iat,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("iss") String iss,
        @JsonProperty("aud") Object aud,
        @JsonProperty("jti") String jti) {

    public static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null);
}
