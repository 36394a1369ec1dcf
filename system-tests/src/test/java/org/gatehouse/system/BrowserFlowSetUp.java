package org.gatehouse.system;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

import java.util.HashMap;
import java.util.Map;

/**
 * What a browser flow test runs against, started before its first test and stopped after its last: headless
 * Chromium, a receiver for the redirects an app is sent, and the platform through the local launcher (its run named
 * after the test class). The fields are static, as the test methods that use them are: test classes run one after
 * another here (no parallel execution is configured), each with its own platform.
 */
abstract class BrowserFlowSetUp {

    static LocalRun run;
    static CallbackReceiver callback;
    static Browser browser;

    @BeforeAll
    static void startPlatform(TestInfo test) throws Exception {
        // The browser first: a missing Chromium fails fast, before a platform start is paid for.
        browser = Browser.start(LocalRun.repoDir());
        callback = CallbackReceiver.start();
        Class<?> testClass = test.getTestClass().orElseThrow();
        Map<String, String> environment = new HashMap<>();
        PlatformEnvironment extra = testClass.getAnnotation(PlatformEnvironment.class);
        for (String variable : extra == null ? new String[0] : extra.value()) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        if (testClass.isAnnotationPresent(HttpsIssuer.class)) {
            run = LocalRun.startHttps(testClass.getSimpleName(), environment);
            // The edge's self-signed certificate, as a client trusts a private CA.
            RestAssured.useRelaxedHTTPSValidation();
        } else {
            run = LocalRun.start(testClass.getSimpleName(), environment);
        }
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopPlatform() {
        RestAssured.reset();
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (callback != null) {
            callback.close();
            callback = null;
        }
        if (run != null) {
            run.close();
            run = null;
        }
    }

    /** Signs {@code person} up in a browser session of its own (the cookies of any earlier session are dropped). */
    static void signUpInNewSession(WebUser person) {
        browser.forgetSession(run.publicUrl);
        Pages.signUp(browser, run.publicUrl, person);
    }
}
