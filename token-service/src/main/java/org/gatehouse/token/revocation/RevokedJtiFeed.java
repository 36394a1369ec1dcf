package org.gatehouse.token.revocation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.revocation.RevokedJtiSource;
import org.gatehouse.common.revocation.RevokedJtis;
import org.gatehouse.token.repository.RevokedAccessTokenRepository;

import java.time.Instant;
import java.util.List;

/**
 * The denylist read from this service's own table: what the other services poll (contract:
 * {@code GET /internal/revoked-jtis?since=}), and what this service's own poller reads into memory for
 * introspection. The ids of unexpired access tokens revoked at or after an instant, and this server's clock, which
 * the poller passes back (minus an overlap) next time. Expired entries are left out: no verifier accepts those
 * tokens anyway.
 */
@ApplicationScoped
public class RevokedJtiFeed implements RevokedJtiSource {

    private final RevokedAccessTokenRepository denylist;

    public RevokedJtiFeed(RevokedAccessTokenRepository denylist) {
        this.denylist = denylist;
    }

    @Override
    public RevokedJtis since(long sinceMillis) {
        // Taken before reading, so a revocation committed during the read is at or after "now" and comes next time.
        Instant now = Instant.now();
        List<RevokedJtis.Entry> jtis = QuarkusTransaction.requiringNew().call(() ->
                denylist.revokedSince(Instant.ofEpochMilli(sinceMillis), now).stream()
                        .map(row -> new RevokedJtis.Entry(row.jti, row.exp.getEpochSecond()))
                        .toList());
        return new RevokedJtis(jtis, now.toEpochMilli());
    }
}
