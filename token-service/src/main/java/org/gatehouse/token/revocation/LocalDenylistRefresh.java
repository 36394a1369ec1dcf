package org.gatehouse.token.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.gatehouse.common.revocation.RevocationPoller;
import org.gatehouse.token.repository.DenylistChanged;

/**
 * Introspection reads the denylist from memory (platform-common's registry, polled every 2 s). A revocation made
 * through this replica is read back into it as soon as it commits, so this replica never answers "active" for a
 * token it has just revoked; other replicas see it at their next poll, within the contract's 5 s.
 */
@ApplicationScoped
public class LocalDenylistRefresh {

    private final RevocationPoller poller;

    public LocalDenylistRefresh(RevocationPoller poller) {
        this.poller = poller;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) DenylistChanged changed) {
        poller.poll();
    }
}
