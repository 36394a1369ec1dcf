package org.gatehouse.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's pages as a person uses them: the sign-up page (registration) and the login page (authorization). */
final class Pages {

    static final By APPROVE = By.cssSelector("button[name='decision'][value='approve']");
    static final By DENY = By.cssSelector("button[name='decision'][value='deny']");

    private Pages() {
    }

    /**
     * Fills and submits /signup (fields per registration-service's page) and waits for the welcome page. A user without
     * an email, or whose display name is the username, leaves those optional fields empty.
     */
    static void signUp(Browser browser, String publicUrl, WebUser user) {
        browser.open(publicUrl + "/signup");
        assertTrue(browser.has(By.name("csrf_token")), "sign-up form without a CSRF token: " + browser.visibleText());
        browser.type("username", user.username());
        if (user.email() != null) {
            browser.type("email", user.email());
        }
        if (!user.displayName().equals(user.username())) {
            browser.type("display_name", user.displayName());
        }
        browser.type("password", user.password());
        browser.find(By.cssSelector("form[action='/signup'] button[type='submit']")).click();
        browser.waitFor(By.id("account-link"));
        assertTrue(browser.find(By.tagName("h1")).getText().contains(user.username()), browser.visibleText());
    }

    /** On /login: types the credentials, submits, and waits until the browser has left the login page. */
    static void logIn(Browser browser, WebUser user) {
        assertEquals("/login", browser.path(), "expected the login page: " + browser.visibleText());
        assertTrue(browser.has(By.name("csrf_token")), "login form without a CSRF token");
        browser.type("username", user.username());
        browser.type("password", user.password());
        browser.find(By.cssSelector("form[action='/login'] button[type='submit']")).click();
        browser.waitUntil(d -> !"/login".equals(browser.path())
                        && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")),
                "the browser to leave /login after signing in as " + user.username());
    }
}
