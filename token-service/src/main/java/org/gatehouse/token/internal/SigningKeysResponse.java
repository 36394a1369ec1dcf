package org.gatehouse.token.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.gatehouse.token.issue.KeyRing;
import org.gatehouse.token.repository.SigningKeyStatus;

import java.time.Instant;
import java.util.List;

/** The signing keys' states as operators read them; public data only. Absent timestamps are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SigningKeysResponse(
        @JsonProperty("rotated") Boolean rotated,
        @JsonProperty("active_kid") String activeKid,
        @JsonProperty("next_kid") String nextKid,
        @JsonProperty("keys") List<Key> keys) {

    static SigningKeysResponse of(Boolean rotated, KeyRing ring) {
        return new SigningKeysResponse(rotated,
                ring.withStatus(SigningKeyStatus.ACTIVE).map(KeyRing.Key::kid).orElse(null),
                ring.withStatus(SigningKeyStatus.NEXT).map(KeyRing.Key::kid).orElse(null),
                ring.keys().stream().map(Key::of).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(
            @JsonProperty("kid") String kid,
            @JsonProperty("alg") String algorithm,
            @JsonProperty("status") String status,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("activated_at") String activatedAt,
            @JsonProperty("activates_at") String activatesAt,
            @JsonProperty("retired_at") String retiredAt,
            @JsonProperty("unpublish_at") String unpublishAt) {

        static Key of(KeyRing.Key key) {
            return new Key(key.kid(), key.algorithm(), key.status().name(), iso(key.createdAt()),
                    iso(key.activatedAt()), iso(key.activateAt()), iso(key.retiredAt()), iso(key.unpublishAt()));
        }

        private static String iso(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }
}
