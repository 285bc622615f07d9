package com.classlark.scim;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package dependencies point downward only, as DESIGN.md lays them out: {@code app} wires
 * everything; the adapters ({@code scim}, {@code api}, {@code console}) never call each other and
 * share only the server ({@code web}) and the domain; {@code web} knows no adapter and no domain.
 * Neither the top-level packages (today's and those to come, such as {@code api} and {@code
 * console}) nor the sub-packages of {@code protocol} and {@code directory} depend on each other in
 * a cycle.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.classlark.scim");

  @Test
  void layersDependOnlyDownward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("app")
        .definedBy("com.classlark.scim.app..")
        .layer("scim")
        .definedBy("com.classlark.scim.scim..")
        .layer("api")
        .definedBy("com.classlark.scim.api..")
        .layer("console")
        .definedBy("com.classlark.scim.console..")
        .layer("web")
        .definedBy("com.classlark.scim.web..")
        .layer("store")
        .definedBy("com.classlark.scim.store..")
        .layer("directory")
        .definedBy("com.classlark.scim.directory..")
        .layer("protocol")
        .definedBy("com.classlark.scim.protocol..")
        .whereLayer("app")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("scim")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("api")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("console")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("web")
        .mayOnlyBeAccessedByLayers("app", "scim", "api", "console")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("directory")
        .mayOnlyBeAccessedByLayers("app", "scim", "api", "console", "store")
        .whereLayer("protocol")
        .mayOnlyBeAccessedByLayers("app", "scim", "api", "console", "store", "directory")
        .check(CLASSES);
  }

  @Test
  void topLevelPackagesFormNoCycle() {
    slices().matching("com.classlark.scim.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void protocolSubPackagesFormNoCycle() {
    slices().matching("com.classlark.scim.protocol.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void subPackagesOfEveryLayerFormNoCycle() {
    slices()
        .matching("com.classlark.scim.(*).(*)..")
        .namingSlices("$1.$2")
        .should()
        .beFreeOfCycles()
        .check(CLASSES);
  }
}
