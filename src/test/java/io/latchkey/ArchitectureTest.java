package io.latchkey;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The lines of DESIGN.md that code review alone would let slip. Rules fail when they match no class at all
 * (ArchUnit's default), so a renamed package cannot make one pass vacuously.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.latchkey");

    private static final String[] WEB_FRAMEWORK = {"io.javalin..", "jakarta.servlet..", "org.eclipse.jetty.."};

    @Test
    void onlyTheHttpPlumbingAndTheCompositionRootSeeTheWebFramework() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.latchkey.http..", "io.latchkey.app..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB_FRAMEWORK)
                .because("feature code talks to HTTP through io.latchkey.http.Exchange only (DESIGN.md rule 2)")
                .check(MAIN);
    }

    @Test
    void featurePackagesDoNotDependOnTheCompositionRoot() {
        // io.latchkey itself holds only Main, the command line that starts the application.
        noClasses()
                .that()
                .resideInAPackage("io.latchkey..")
                .and()
                .resideOutsideOfPackages("io.latchkey", "io.latchkey.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.latchkey.app..")
                .because("app/ builds everything by constructor; nothing reaches back into it")
                .check(MAIN);
    }

    @Test
    void theHttpPlumbingHoldsNoDomainRules() {
        noClasses()
                .that()
                .resideInAPackage("io.latchkey.http..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.latchkey..").and(resideOutsideOfPackage("io.latchkey.http..")))
                .because("http/ is shared web plumbing (DESIGN.md layout)")
                .check(MAIN);
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.latchkey.(*)..")
                .should()
                .beFreeOfCycles()
                .because(
                        "a feature builds on lower ones only; a cycle means two features cannot be understood or changed apart")
                .check(MAIN);
    }

    @Test
    void aFeatureStoreIsUsedOnlyInsideItsOwnPackage() {
        classes()
                .that()
                .haveNameMatching("io\\.latchkey\\..*Store(\\$.*)?")
                .should(beUsedOnlyInTheirOwnPackage())
                .because(
                        "other features go through the owning feature's service or lookup, which keeps its rules (docs/architecture.md)")
                .check(MAIN);
    }

    private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnPackage() {
        return new ArchCondition<>("be used only inside their own package") {
            @Override
            public void check(JavaClass store, ConditionEvents events) {
                for (Dependency d : store.getDirectDependenciesToSelf()) {
                    if (!d.getOriginClass().getPackageName().equals(store.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
