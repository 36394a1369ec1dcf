package org.gatehouse.common.servicejwt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a JAX-RS resource (class, or method: the method's declaration replaces its class's) as a sibling-only API
 * and names the services that may call it. {@link InternalApiFilter} enforces it on the resource a request matched,
 * however its path was spelled: a caller with a valid service JWT that is not listed gets 403 {@code access_denied}.
 * A resource under {@code /internal} without a declaration admits no caller.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InternalApi {

    /** The services ({@link ServiceNames}) allowed to call. */
    String[] callers() default {};

    /**
     * A configuration property (a list of service names) whose value adds callers, for an API whose callers an
     * operator chooses. The property belongs to the service's own {@code @ConfigMapping}, which gives its default.
     */
    String callersProperty() default "";
}
