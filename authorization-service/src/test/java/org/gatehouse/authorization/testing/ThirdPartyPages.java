package org.gatehouse.authorization.testing;

import io.restassured.response.Response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads and submits the {@code /api/v1/authorize} consent page the way a user would. */
public final class ThirdPartyPages {

    public static final String APPROVE_DISABLED = "<button name=\"decision\" value=\"approve\" disabled>Approve</button>";
    public static final String APPROVE_ENABLED = "<button name=\"decision\" value=\"approve\">Approve</button>";
    private static final Pattern RADIO = Pattern.compile(
            "<input type=\"radio\" id=\"profile-([0-9a-f-]{36})\" name=\"profile_id\" value=\"[0-9a-f-]{36}\" data-covers=\"(?:true|false)\"( checked)?>"
                    + "\\s*<label for=\"profile-[0-9a-f-]{36}\">([^<]*)</label>");

    private ThirdPartyPages() {
    }

    /** {@code /api/v1/authorize?client_id=tp_fixture&redirect_uri=...&state=...} */
    public static String authorizePath(String state) {
        return state == null
                ? Browser.pathWithQuery("/api/v1/authorize", "client_id", TestClients.THIRD_PARTY,
                "redirect_uri", TestClients.THIRD_PARTY_CALLBACK)
                : Browser.pathWithQuery("/api/v1/authorize", "client_id", TestClients.THIRD_PARTY,
                "redirect_uri", TestClients.THIRD_PARTY_CALLBACK, "state", state);
    }

    /** Profile name (as shown, HTML-escaped) → id, in page order. */
    public static Map<String, String> profiles(String html) {
        Map<String, String> profiles = new LinkedHashMap<>();
        Matcher m = RADIO.matcher(html);
        while (m.find()) {
            profiles.put(m.group(3), m.group(1));
        }
        return profiles;
    }

    /** The id of the checked profile, or null. */
    public static String selected(String html) {
        Matcher m = RADIO.matcher(html);
        while (m.find()) {
            if (m.group(2) != null) {
                return m.group(1);
            }
        }
        return null;
    }

    /** Presses a button of the consent form with {@code profileId} selected (null: none). */
    public static Response submit(Browser browser, String html, String profileId, String decision) {
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(html));
        if (profileId != null) {
            form.put("profile_id", profileId);
        }
        form.put("decision", decision);
        return browser.post("/api/v1/authorize", form);
    }

    /** Picks the profile named {@code name} with Choose and returns the page shown for it. */
    public static Response choose(Browser browser, String html, String name) {
        String id = profiles(html).get(name);
        assertTrue(id != null, "profile " + name + " on the page");
        Response redirect = submit(browser, html, id, "choose");
        assertEquals(303, redirect.statusCode());
        Response page = browser.get(redirect.header("Location"));
        assertEquals(200, page.statusCode());
        return page;
    }

    /** A signed-in user approves the fixture app through the profile named {@code name}; returns the redirect. */
    public static Response approveWith(Browser browser, String name) {
        Response page = browser.get(authorizePath(null));
        assertEquals(200, page.statusCode());
        String html = choose(browser, page.body().asString(), name).body().asString();
        return submit(browser, html, selected(html), "approve");
    }
}
