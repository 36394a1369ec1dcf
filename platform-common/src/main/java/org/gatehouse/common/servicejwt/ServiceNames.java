package org.gatehouse.common.servicejwt;

/**
 * The four services' names: {@code quarkus.application.name}, the {@code iss} of the service JWTs each signs and the
 * {@code aud} of those it accepts (STYLE.md rule 1: one name from module to cluster).
 */
public final class ServiceNames {

    public static final String REGISTRATION = "registration-service";
    public static final String AUTHORIZATION = "authorization-service";
    public static final String TOKEN = "token-service";
    public static final String RESOURCE = "resource-service";

    private ServiceNames() {
    }
}
