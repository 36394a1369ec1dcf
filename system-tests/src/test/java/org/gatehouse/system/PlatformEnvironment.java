package org.gatehouse.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Environment variables ({@code NAME=value}) a browser flow test class's launcher is started with; the services
 * inherit them, as a developer's {@code QUARKUS_*} settings reach every service of {@code ./run-local.sh}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@interface PlatformEnvironment {
    String[] value();
}
