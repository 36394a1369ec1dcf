package org.gatehouse.token.revocation;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.token.repository.RevokedAccessTokenRepository;

import java.time.Instant;
import java.util.List;

/**
 * The denylist as resource servers poll it (contract: {@code GET /internal/revoked-jtis?since=}): the ids of
 * unexpired access tokens revoked at or after an instant, and this server's clock, which the poller passes back
 * (minus an overlap) next time. Expired entries are left out: no verifier accepts those tokens anyway.
 */
@ApplicationScoped
public class RevokedJtiFeed {

    private final RevokedAccessTokenRepository denylist;

    public RevokedJtiFeed(RevokedAccessTokenRepository denylist) {
        this.denylist = denylist;
    }

    public RevokedJtis since(Instant since) {
        // Taken before reading, so a revocation committed during the read is at or after "now" and comes next time.
        Instant now = Instant.now();
        List<RevokedJti> jtis = denylist.revokedSince(since, now).stream()
                .map(row -> new RevokedJti(row.jti, row.exp.getEpochSecond()))
                .toList();
        return new RevokedJtis(jtis, now.toEpochMilli());
    }

    /** @param now this server's clock, epoch milliseconds */
    public record RevokedJtis(@JsonProperty("jtis") List<RevokedJti> jtis, @JsonProperty("now") long now) {
    }

    /** @param exp the token's expiry, epoch seconds (its JWT {@code exp}) */
    public record RevokedJti(@JsonProperty("jti") String jti, @JsonProperty("exp") long exp) {
    }
}
