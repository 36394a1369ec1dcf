package org.gatehouse.system;

/** The third-party app flow of {@link ThirdPartyAppBrowserFlowTest}, API-key calls included, with an https issuer. */
@HttpsIssuer
class ThirdPartyAppOverHttpsBrowserFlowTest extends ThirdPartyAppBrowserFlowTest {
}
