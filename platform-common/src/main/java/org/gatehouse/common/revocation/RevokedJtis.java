package org.gatehouse.resource.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A page of the denylist: token ids revoked since the asked instant, and the server's clock. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevokedJtis(List<Entry> jtis, long now) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String jti, long exp) {
    }
}
