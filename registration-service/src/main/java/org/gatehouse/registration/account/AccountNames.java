package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.registration.repository.AccountRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes the names an account releases as OIDC claims ({@code name}, {@code given_name}, {@code family_name}) and
 * stamps {@code updated_at}. A blank display name falls back to the user name, as at sign-up.
 */
@ApplicationScoped
public class AccountNames {

    private final AccountRepository accounts;
    private final AccountValidator validator;

    public AccountNames(AccountRepository accounts, AccountValidator validator) {
        this.accounts = accounts;
        this.validator = validator;
    }

    /** The account with its new names, or empty when no account has this id. Invalid names change nothing. */
    @Transactional
    public Optional<RegisteredAccount> rename(UUID id, NameChange change) {
        var account = accounts.findByIdOptional(id);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String displayName = validator.displayName(change.displayName(), account.get().getUsername());
        String givenName = validator.optionalName(change.givenName(), "given_name");
        String familyName = validator.optionalName(change.familyName(), "family_name");
        account.get().rename(displayName, givenName, familyName, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return account.map(RegisteredAccount::of);
    }

    /** The names as the user typed them; any may be {@code null} or blank. */
    public record NameChange(String displayName, String givenName, String familyName) {
    }
}
