package org.gatehouse.registration.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.registration.repository.AccountRepository;
import org.gatehouse.registration.repository.ProfileClaims;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes the profile claims an account releases ({@code name}, {@code given_name}, … {@code locale}, OIDC Core §5.1)
 * and with them {@code updated_at}. A blank display name falls back to the user name, as at sign-up.
 */
@ApplicationScoped
public class AccountProfile {

    private final AccountRepository accounts;
    private final AccountValidator validator;

    public AccountProfile(AccountRepository accounts, AccountValidator validator) {
        this.accounts = accounts;
        this.validator = validator;
    }

    /**
     * The account with its new profile claims, or empty when no account has this id.
     *
     * @param typed the claims as the user typed them; each may be {@code null} or blank (cleared)
     * @throws org.gatehouse.common.error.OAuthException {@code invalid_request} for a value §5.1 does not allow;
     *                                                   nothing is changed then
     */
    @Transactional
    public Optional<RegisteredAccount> change(UUID id, ProfileClaims typed) {
        var account = accounts.findByIdOptional(id);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        ProfileClaims checked = validator.profileClaims(typed, account.get().getUsername());
        account.get().changeProfileClaims(checked, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return account.map(RegisteredAccount::of);
    }
}
