package com.classlark.scim.directory;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API key of the directory API may do. {@code app} is ClassLark's application acting for a
 * school's admin; {@code support} is ClassLark support and may do everything {@code app} may.
 */
public enum ApiKeyRole {
  APP,
  SUPPORT;

  /** The role's name as callers write it: {@code app} or {@code support}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of a wire name, exactly {@code app} or {@code support}. */
  public static Optional<ApiKeyRole> fromWireName(String name) {
    for (ApiKeyRole role : values()) {
      if (role.wireName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /** True when a caller with this role may do what {@code required} may. */
  public boolean includes(ApiKeyRole required) {
    return switch (required) {
      case APP -> true;
      case SUPPORT -> this == SUPPORT;
    };
  }
}
