package com.classlark.scim;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package dependencies point downward only, as DESIGN.md lays them out. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.classlark.scim");

  @Test
  void layersDependOnlyDownward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("app")
        .definedBy("com.classlark.scim.app..")
        .layer("scim")
        .definedBy("com.classlark.scim.scim..")
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
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("directory")
        .mayOnlyBeAccessedByLayers("app", "scim", "store")
        .whereLayer("protocol")
        .mayOnlyBeAccessedByLayers("app", "scim", "store", "directory")
        .check(CLASSES);
  }
}
