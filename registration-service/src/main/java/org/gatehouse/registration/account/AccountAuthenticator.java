package org.gatehouse.registration.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.registration.repository.Account;
import org.gatehouse.registration.repository.AccountRepository;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Checks a password for the login page (by username) and the credential API (by {@code user_key}). An unknown
 * account costs the same Argon2id work as a wrong password (a dummy hash is verified), so neither the answer nor
 * its timing tells whether the account exists. Passwords over {@link PasswordPolicy#MAX_LENGTH} are refused before
 * any hashing: no account can have one.
 */
@ApplicationScoped
public class AccountAuthenticator {

    private static final Logger LOG = Logger.getLogger(AccountAuthenticator.class);
    /** Longer than any username or user key that can exist; refused without a lookup. */
    private static final int MAX_IDENTIFIER_LENGTH = AccountValidator.MAX_EMAIL;

    private final AccountRepository accounts;
    private final PasswordHasher hasher;

    public AccountAuthenticator(AccountRepository accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    public Optional<RegisteredAccount> byUsername(String username, String password) {
        return authenticate(username, password, true);
    }

    public Optional<RegisteredAccount> byUserKey(String userKey, String password) {
        return authenticate(userKey, password, false);
    }

    private Optional<RegisteredAccount> authenticate(String identifier, String password, boolean byUsername) {
        if (password == null || password.isEmpty() || PasswordPolicy.tooLong(password)) {
            return Optional.empty();
        }
        // The lookup commits before the hashing: a read outside a transaction would hold its connection until the
        // request ends, through the Argon2id work, and concurrent logins would exhaust the pool.
        Optional<Account> account = identifier == null || identifier.isEmpty()
                || identifier.length() > MAX_IDENTIFIER_LENGTH
                ? Optional.empty()
                : QuarkusTransaction.requiringNew().call(() ->
                        byUsername ? accounts.findByUsername(identifier) : accounts.findByUserKey(identifier));
        if (account.isEmpty()) {
            hasher.verifyDummy(password);
            return Optional.empty();
        }
        Account found = account.get();
        if (!hasher.verify(password, found.getPasswordHash())) {
            return Optional.empty();
        }
        if (hasher.needsRehash(found.getPasswordHash())) {
            upgradeHash(found, password);
        }
        return Optional.of(RegisteredAccount.of(found));
    }

    /** The password is known right now, and only now: the moment to move its hash to today's parameters. */
    private void upgradeHash(Account account, String password) {
        String upgraded = hasher.hash(password);
        try {
            QuarkusTransaction.requiringNew().run(() ->
                    accounts.update("passwordHash = ?1 where id = ?2", upgraded, account.getId()));
        } catch (RuntimeException e) {
            // The login itself succeeded; the next one will try again.
            LOG.warnf("Could not upgrade the password hash of account %s: %s", account.getId(), e.getMessage());
        }
    }
}
