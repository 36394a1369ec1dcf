package org.gatehouse.registration;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the package arrows of STYLE.md true in this service. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gatehouse.registration");

    @Test
    void handleWhenHttpLayerThenNoRepositoryAccess() {
        noClasses().that().resideInAnyPackage("..registration.endpoint..", "..registration.rest..",
                        "..registration.web..")
                .should().dependOnClassesThat().resideInAPackage("..registration.repository..")
                .check(CLASSES);
    }

    @Test
    void handleWhenProtocolOrDomainPackageThenNoJaxRs() {
        noClasses().that().resideInAnyPackage("..registration.client..", "..registration.accesstoken..",
                        "..registration.account..", "..registration.apikey..", "..registration.developer..",
                        "..registration.repository..", "..registration.config..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void handleWhenRepositoryThenNoProtocolOrHttpPackages() {
        noClasses().that().resideInAPackage("..registration.repository..")
                .should().dependOnClassesThat().resideInAnyPackage("..registration.client..",
                        "..registration.rest..", "..registration.internal..", "..registration.accesstoken..",
                        "..registration.account..", "..registration.apikey..", "..registration.developer..",
                        "..registration.web..", "..registration.remote..")
                .check(CLASSES);
    }

    @Test
    void handleWhenDomainPackageThenNoHttpLayerOrOutboundCalls() {
        noClasses().that().resideInAnyPackage("..registration.client..", "..registration.account..",
                        "..registration.apikey..", "..registration.developer..")
                .should().dependOnClassesThat().resideInAnyPackage("..registration.rest..",
                        "..registration.internal..", "..registration.web..", "..registration.endpoint..")
                .check(CLASSES);
    }
}
