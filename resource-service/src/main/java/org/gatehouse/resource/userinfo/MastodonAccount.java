package org.gatehouse.resource.userinfo;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.gatehouse.resource.remote.Account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The Mastodon Account entity (docs.joinmastodon.org/entities/Account) for verify_credentials. */
public record MastodonAccount(
        String id,
        String username,
        String acct,
        @JsonProperty("display_name") String displayName,
        boolean locked,
        boolean bot,
        boolean group,
        boolean discoverable,
        @JsonProperty("created_at") String createdAt,
        String note,
        String url,
        String avatar,
        @JsonProperty("avatar_static") String avatarStatic,
        String header,
        @JsonProperty("header_static") String headerStatic,
        @JsonProperty("followers_count") int followersCount,
        @JsonProperty("following_count") int followingCount,
        @JsonProperty("statuses_count") int statusesCount,
        List<Object> emojis,
        List<Object> fields,
        Map<String, Object> source) {

    private static final DateTimeFormatter MASTODON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    public static MastodonAccount of(Account account, String publicUrl) {
        String display = account.displayName() == null ? account.username() : account.displayName();
        String created = account.createdAt() == null ? null
                : account.createdAt().atZoneSameInstant(ZoneOffset.UTC).format(MASTODON_TIME);
        String avatar = publicUrl + "/avatars/original/missing.png";
        return new MastodonAccount(account.id(), account.username(), account.username(), display,
                false, false, false, false, created, "", publicUrl + "/@" + pathSegment(account.username()),
                avatar, avatar, publicUrl + "/headers/original/missing.png", publicUrl + "/headers/original/missing.png",
                0, 0, 0, List.of(), List.of(),
                Map.of("privacy", "public", "sensitive", false, "language", "", "note", "", "fields", List.of()));
    }

    /** A user name as one URL path segment: bare names stay as they are, an address's '@', '+', '/' are escaped. */
    private static String pathSegment(String username) {
        return URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
