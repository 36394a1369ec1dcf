package org.gatehouse.common.revocation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * A page of the denylist (contract: {@code GET /internal/revoked-jtis?since=}): the ids of unexpired access tokens
 * revoked since the asked instant, and the server's clock (epoch milliseconds), which the next poll passes back.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevokedJtis(List<Entry> jtis, long now) {

    /** @param exp the token's expiry, epoch seconds (its JWT {@code exp}) */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String jti, long exp) {
    }
}
