package org.gatehouse.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A browser flow test class whose platform runs with an https issuer, TLS terminated at the edge in front of the
 * services as the Ingress does in production ({@link LocalRun#startHttps}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@interface HttpsIssuer {
}
