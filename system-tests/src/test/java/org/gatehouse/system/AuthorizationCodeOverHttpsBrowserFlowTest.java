package org.gatehouse.system;

/**
 * Every authorization code flow of {@link AuthorizationCodeBrowserFlowTest} with an https issuer, as in every
 * production install: behind TLS the siblings' key fetch used to be refused as plain HTTP ("HTTPS required"), so
 * userinfo answered 500, and the local edge could not be put behind TLS at all.
 */
@HttpsIssuer
class AuthorizationCodeOverHttpsBrowserFlowTest extends AuthorizationCodeBrowserFlowTest {
}
