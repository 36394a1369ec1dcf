package org.gatehouse.authorization.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Registered clients as registration-service's internal API returns them. */
public final class TestClients {

    /** Confidential web app with two redirect URIs. */
    public static final String WEB = "web-app";
    public static final String WEB_CALLBACK = "https://app.example/callback";
    public static final String WEB_OTHER_CALLBACK = "https://app.example/other";
    /** Confidential app with one redirect URI that carries its own query (for omitted redirect_uri). */
    public static final String SINGLE = "single-app";
    public static final String SINGLE_CALLBACK = "https://single.example/cb?keep=1";
    /** Public native app (auth method none) with a loopback redirect URI. */
    public static final String NATIVE = "native-app";
    public static final String NATIVE_CALLBACK = "http://127.0.0.1/callback";
    /** Mastodon-style app with the out-of-band redirect. */
    public static final String MASTODON = "mastodon-app";
    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
    /** Machine client not registered for the authorization code grant. */
    public static final String MACHINE = "machine-app";
    /** An app the account tests authorize and revoke, so other tests' consents do not interfere. */
    public static final String ACCOUNT_APP = "account-app";
    public static final String ACCOUNT_APP_CALLBACK = "https://account.example/cb";

    /**
     * Registered through {@code /oauth/register} without a {@code scope} member before such clients got sign-in
     * scopes by default: its registered scope is only {@code read}.
     */
    public static final String DYNAMIC = "dynamic-app";
    public static final String DYNAMIC_CALLBACK = "https://rp.example/cb";

    /** Confidential web app registered with {@code require_pkce}: PKCE on every request despite its secret. */
    public static final String PKCE_REQUIRED = "pkce-app";
    public static final String PKCE_REQUIRED_CALLBACK = "https://pkce.example/cb";

    /** Third-party app (flow 5, {@code tp_} id) whose requested permissions are read:nodes and write:nodes. */
    public static final String THIRD_PARTY = "tp_fixture";
    public static final String THIRD_PARTY_NAME = "Fixture Notes";
    public static final String THIRD_PARTY_CALLBACK = "https://notes.example/callback";
    public static final List<String> THIRD_PARTY_PERMISSIONS = List.of("read:nodes", "write:nodes");

    private static final String SECRET_HASH = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";
    private static final List<String> ALL_GRANTS = List.of("authorization_code", "client_credentials", "refresh_token");
    private static final List<String> SECRET_METHODS = List.of("client_secret_basic", "client_secret_post");

    private static final Map<String, Client> CLIENTS = Map.ofEntries(
            Map.entry(DYNAMIC, new Client(DYNAMIC, DYNAMIC, null, List.of("read"), List.of(DYNAMIC_CALLBACK),
                    List.of("authorization_code"), List.of("client_secret_basic"), List.of(SECRET_HASH))),
            Map.entry(WEB, new Client(WEB, "Web Example", "https://app.example",
                    List.of("read", "profile", "openid", "email"), List.of(WEB_CALLBACK, WEB_OTHER_CALLBACK),
                    ALL_GRANTS, SECRET_METHODS, List.of(SECRET_HASH))),
            Map.entry(SINGLE, new Client(SINGLE, "Single Example", null, List.of("read"), List.of(SINGLE_CALLBACK),
                    ALL_GRANTS, SECRET_METHODS, List.of(SECRET_HASH))),
            Map.entry(NATIVE, new Client(NATIVE, "Native Example", null, List.of("read", "write"),
                    List.of(NATIVE_CALLBACK), List.of("authorization_code", "refresh_token"), List.of("none"),
                    List.of())),
            Map.entry(MASTODON, new Client(MASTODON, "Toot Client", "https://toot.example",
                    List.of("read", "write", "follow", "push"), List.of(OOB), ALL_GRANTS, SECRET_METHODS,
                    List.of(SECRET_HASH))),
            Map.entry(MACHINE, new Client(MACHINE, "Machine", null, List.of("read"),
                    List.of("https://machine.example/cb"), List.of("client_credentials"), SECRET_METHODS,
                    List.of(SECRET_HASH))),
            Map.entry(ACCOUNT_APP, new Client(ACCOUNT_APP, "Account Example <b>App</b>", null, List.of("read"),
                    List.of(ACCOUNT_APP_CALLBACK), ALL_GRANTS, SECRET_METHODS, List.of(SECRET_HASH))),
            Map.entry(PKCE_REQUIRED, new Client(PKCE_REQUIRED, "Strict Example", null, List.of("openid", "read"),
                    List.of(PKCE_REQUIRED_CALLBACK), ALL_GRANTS, SECRET_METHODS, List.of(SECRET_HASH), true)),
            Map.entry(THIRD_PARTY, new Client(THIRD_PARTY, THIRD_PARTY_NAME, "https://notes.example",
                    THIRD_PARTY_PERMISSIONS, List.of(THIRD_PARTY_CALLBACK), List.of(), List.of(), List.of())));

    private TestClients() {
    }

    /** The JSON body of {@code GET /internal/clients/{id}}, or null when unknown. */
    static String json(String clientId) {
        Client c = CLIENTS.get(clientId);
        if (c == null) {
            return null;
        }
        return "{\"client_id\":" + quote(c.id) + ",\"client_name\":" + quote(c.name)
                + ",\"website\":" + (c.website == null ? "null" : quote(c.website))
                + ",\"scopes\":" + array(c.scopes) + ",\"redirect_uris\":" + array(c.redirectUris)
                + ",\"grant_types\":" + array(c.grantTypes)
                + ",\"token_endpoint_auth_methods\":" + array(c.authMethods)
                + ",\"secret_hashes\":" + array(c.secretHashes)
                + ",\"require_pkce\":" + c.requirePkce + "}";
    }

    private static String array(List<String> values) {
        return values.stream().map(TestClients::quote).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private record Client(String id, String name, String website, List<String> scopes, List<String> redirectUris,
                          List<String> grantTypes, List<String> authMethods, List<String> secretHashes,
                          boolean requirePkce) {

        Client(String id, String name, String website, List<String> scopes, List<String> redirectUris,
               List<String> grantTypes, List<String> authMethods, List<String> secretHashes) {
            this(id, name, website, scopes, redirectUris, grantTypes, authMethods, secretHashes, false);
        }
    }
}
