package org.gatehouse.registration.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Storage of accounts; every lookup by name is case-insensitive through the stored lower-case keys. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    /** Constraint names of V2__create_account.sql, so a violation can be told apart from any other failure. */
    public static final String USERNAME_UNIQUE = "account_username_key_unique";
    public static final String EMAIL_UNIQUE = "account_email_key_unique";

    public Optional<Account> findByUsername(String username) {
        return find("usernameKey", Account.key(username)).firstResultOptional();
    }

    public Optional<Account> findByUserKey(String userKey) {
        return find("userKey", userKey).firstResultOptional();
    }

    public boolean usernameTaken(String username) {
        return count("usernameKey", Account.key(username)) > 0;
    }

    public boolean emailTaken(String email) {
        return count("emailKey", Account.key(email)) > 0;
    }
}
