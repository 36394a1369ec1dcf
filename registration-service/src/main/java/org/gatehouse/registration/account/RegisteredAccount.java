package org.gatehouse.registration.account;

import org.gatehouse.registration.repository.Account;
import org.gatehouse.registration.repository.ProfileClaims;

import java.time.Instant;
import java.util.UUID;

/** An account as the rest of the service sees it: never the password hash. */
public record RegisteredAccount(UUID id, String username, String email, ProfileClaims profile, String userKey,
                                Instant createdAt, Instant updatedAt) {

    static RegisteredAccount of(Account account) {
        return new RegisteredAccount(account.getId(), account.getUsername(), account.getEmail(),
                account.getProfileClaims(), account.getUserKey(), account.getCreatedAt(), account.getUpdatedAt());
    }
}
