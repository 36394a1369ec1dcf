package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.registration.repository.AccountRepository;

import java.util.Optional;
import java.util.UUID;

/** Read side of the accounts: what sibling services and the developer pages may learn about an account. */
@ApplicationScoped
public class AccountDirectory {

    private final AccountRepository accounts;

    public AccountDirectory(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public Optional<RegisteredAccount> find(UUID id) {
        return id == null ? Optional.empty() : accounts.findByIdOptional(id).map(RegisteredAccount::of);
    }

    /** The account for an id in text form; empty for anything that is not a UUID. */
    public Optional<RegisteredAccount> find(String id) {
        return parse(id).flatMap(this::find);
    }

    /** A UUID in its canonical 36-character form, or empty. */
    public static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
