package org.gatehouse.common.permission;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one vocabulary of OAuth scopes, third-party {@code requested_permissions} and exposure-profile grants
 * (ARCHITECTURE.md "Permissions and scopes"). Aliases expand to the granular permissions they stand for.
 */
public final class Permissions {

    /** Granular permissions, in display order. */
    public static final List<String> GRANULAR = List.of(
            "openid", "profile", "email",
            "read:accounts", "read:nodes", "write:nodes", "delete:nodes",
            "admin:read", "admin:write");

    /** Aliases: {@code read} is every {@code read:*}, {@code write} every {@code write:*} and {@code delete:*}. */
    public static final List<String> ALIASES = List.of("read", "write", "admin");

    /**
     * Mastodon clients commonly ask for these; they are accepted so such clients work unchanged,
     * and grant nothing here.
     */
    public static final List<String> COMPATIBILITY = List.of("follow", "push");

    /**
     * The {@code client_id} of first-party user tokens (from {@code /authenticate}, {@code /refresh} and the
     * platform's own pages). Only such tokens may manage a user's settings; they are never given to an app.
     */
    public static final String FIRST_PARTY_CLIENT_ID = "gatehouse";

    /** What a first-party user token may do: everything a user owns, nothing administrative. */
    public static final List<String> FIRST_PARTY_SCOPES = List.of(
            "openid", "profile", "email", "read:accounts", "read:nodes", "write:nodes", "delete:nodes");

    /** Held by resource servers: may introspect any token (RFC 7662 §2.1). */
    public static final String INTROSPECTION = "introspection";

    /**
     * Scopes only an operator grants: introspection reads every token (RFC 7662 §2.1), {@code admin:*} drive the
     * admin API. Open registration (RFC 7591, Mastodon apps, third-party apps) refuses them, so no client can grant
     * them to itself and then obtain them through {@code client_credentials} or a user's consent.
     */
    public static final Set<String> OPERATOR_GRANTED = Set.of(INTROSPECTION, "admin", "admin:read", "admin:write");

    private Permissions() {
    }

    /** The granular permissions an app may ask users for: all but the operator-granted ones. */
    public static final List<String> APP_REQUESTABLE = GRANULAR.stream()
            .filter(p -> !OPERATOR_GRANTED.contains(p)).toList();

    public static boolean isOperatorGranted(String scope) {
        return OPERATOR_GRANTED.contains(scope);
    }

    public static boolean isKnown(String scope) {
        return GRANULAR.contains(scope) || ALIASES.contains(scope) || COMPATIBILITY.contains(scope)
                || INTROSPECTION.equals(scope);
    }

    /** Splits an RFC 6749 §3.3 scope string (space separated, case sensitive). */
    public static Set<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return new LinkedHashSet<>();
        }
        return Arrays.stream(scope.trim().split("[ \\n\\t+]+"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public static String format(Collection<String> scopes) {
        return String.join(" ", scopes);
    }

    /** The granular permissions a set of scopes stands for. */
    public static Set<String> expand(Collection<String> scopes) {
        Set<String> expanded = new LinkedHashSet<>();
        for (String scope : scopes) {
            switch (scope) {
                case "read" -> GRANULAR.stream().filter(p -> p.startsWith("read:")).forEach(expanded::add);
                case "write" -> GRANULAR.stream()
                        .filter(p -> p.startsWith("write:") || p.startsWith("delete:")).forEach(expanded::add);
                case "admin" -> GRANULAR.stream().filter(p -> p.startsWith("admin:")).forEach(expanded::add);
                default -> expanded.add(scope);
            }
        }
        return expanded;
    }

    /** True when {@code granted} (aliases allowed) covers every permission of {@code requested}. */
    public static boolean covers(Collection<String> granted, Collection<String> requested) {
        return expand(granted).containsAll(expand(requested));
    }
}
