package org.gatehouse.registration.account;

import org.gatehouse.registration.repository.Account;

import java.time.Instant;
import java.util.UUID;

/** An account as the rest of the service sees it: never the password hash. */
public record RegisteredAccount(UUID id, String username, String email, String displayName, String givenName,
                                String familyName, String userKey, Instant createdAt, Instant updatedAt) {

    static RegisteredAccount of(Account account) {
        return new RegisteredAccount(account.getId(), account.getUsername(), account.getEmail(),
                account.getDisplayName(), account.getGivenName(), account.getFamilyName(), account.getUserKey(),
                account.getCreatedAt(), account.getUpdatedAt());
    }
}
