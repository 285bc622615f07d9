package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.Returned;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which attributes a response contains: the {@code attributes} and {@code excludedAttributes}
 * parameters of RFC 7644 §3.9 combined with each attribute's {@code returned} characteristic (RFC
 * 7643 §7).
 *
 * <ul>
 *   <li>{@code schemas} and attributes returned {@code always} ({@code id}) are always present;
 *   <li>attributes returned {@code never} ({@code password}) never are;
 *   <li>attributes returned {@code request} are present only when named in {@code attributes};
 *   <li>{@code attributes} selects attributes, sub-attributes ({@code name.givenName}),
 *       URN-qualified attributes or a whole extension by its URN; {@code excludedAttributes}
 *       removes them from the default set.
 * </ul>
 *
 * <p>Names are case-insensitive; names that match no attribute are ignored, as RFC 7644 does not
 * require rejecting them. RFC 7644 §3.9 defines each parameter on its own and gives no meaning to
 * both at once (several SCIM implementations treat them as mutually exclusive), so giving both is
 * an {@code invalidValue} error rather than a guess; GET and POST {@code .search} behave alike.
 *
 * <p>A projection belongs to a resource type, whose definitions say what {@code returned} means for
 * each attribute; {@link #all(ResourceTypeDefinition)} is the default one. Consumers switch over
 * the three cases exhaustively.
 */
public sealed interface Projection {

  /** The resource type whose attribute definitions decide what {@code returned} means. */
  ResourceTypeDefinition type();

  /** No parameters: the attributes returned {@code always} or {@code default}. */
  record Default(ResourceTypeDefinition type) implements Projection {}

  /**
   * A projection that names paths: what it returns of each attribute is decided once, when it is
   * made, not for each attribute of each resource it renders.
   */
  abstract sealed class Named implements Projection permits Only, Except {
    private final ResourceTypeDefinition type;
    private final Set<String> paths;
    private final Decisions decisions;

    private Named(ResourceTypeDefinition type, Set<String> paths) {
      this.type = type;
      this.paths = Set.copyOf(paths);
      this.decisions = Decisions.of(this);
    }

    @Override
    public ResourceTypeDefinition type() {
      return type;
    }

    /** Lower-case canonical paths, or extension URNs, of the attributes named. */
    public Set<String> paths() {
      return paths;
    }

    @Override
    public boolean equals(Object other) {
      return other != null
          && other.getClass() == getClass()
          && type.equals(((Named) other).type)
          && paths.equals(((Named) other).paths);
    }

    @Override
    public int hashCode() {
      return 31 * type.hashCode() + paths.hashCode();
    }

    @Override
    public String toString() {
      return getClass().getSimpleName() + paths;
    }
  }

  /** The {@code attributes} parameter: the attributes asked for. */
  final class Only extends Named {
    /**
     * @param paths lower-case canonical paths, or extension URNs, of the attributes asked for
     */
    public Only(ResourceTypeDefinition type, Set<String> paths) {
      super(type, paths);
    }
  }

  /** The {@code excludedAttributes} parameter: the attributes left out. */
  final class Except extends Named {
    /**
     * @param paths lower-case canonical paths, or extension URNs, of the attributes left out
     */
    public Except(ResourceTypeDefinition type, Set<String> paths) {
      super(type, paths);
    }
  }

  /**
   * What a projection that names paths returns, decided once: per top-level attribute, by its place
   * in {@link ResourceLayout#attributes}, whether it is returned and which of its sub-attributes
   * are, by their place in its definition. Rendering then compares no path text.
   */
  final class Decisions {
    private final boolean[] attributes;
    private final boolean[][] subAttributes;

    private Decisions(boolean[] attributes, boolean[][] subAttributes) {
      this.attributes = attributes;
      this.subAttributes = subAttributes;
    }

    private static Decisions of(Projection projection) {
      List<ResolvedAttribute> all = ResourceLayout.attributes(projection.type());
      boolean[] attributes = new boolean[all.size()];
      boolean[][] subAttributes = new boolean[all.size()][];
      for (int i = 0; i < all.size(); i++) {
        ResolvedAttribute attribute = all.get(i);
        attributes[i] = projection.includesAttribute(attribute);
        List<AttributeDefinition> subs = attribute.attribute().subAttributes();
        subAttributes[i] = new boolean[subs.size()];
        for (int j = 0; j < subs.size(); j++) {
          subAttributes[i][j] = projection.includesSubAttribute(attribute, subs.get(j));
        }
      }
      return new Decisions(attributes, subAttributes);
    }
  }

  /** The default projection of a resource type: what a response contains without parameters. */
  static Projection all(ResourceTypeDefinition type) {
    return new Default(type);
  }

  /**
   * The projection asked for by a request.
   *
   * @param attributes the {@code attributes} parameter, a comma-separated list; null or blank when
   *     absent
   * @param excludedAttributes the {@code excludedAttributes} parameter; null or blank when absent
   * @throws ScimException {@code invalidValue} when both are given
   */
  static Projection of(ResourceTypeDefinition type, String attributes, String excludedAttributes) {
    boolean hasAttributes = attributes != null && !attributes.isBlank();
    boolean hasExcluded = excludedAttributes != null && !excludedAttributes.isBlank();
    if (hasAttributes && hasExcluded) {
      throw ScimException.invalidValue(
          "attributes and excludedAttributes cannot be used together; give one of them");
    }
    if (hasAttributes) {
      return new Only(type, paths(type, attributes));
    }
    if (hasExcluded) {
      return new Except(type, paths(type, excludedAttributes));
    }
    return all(type);
  }

  /** A copy of the resource with only the attributes this projection returns. */
  default ObjectNode apply(ObjectNode resource) {
    ObjectNode result = Json.object();
    if (resource.has(ResourceLayout.SCHEMAS)) {
      result.set(ResourceLayout.SCHEMAS, resource.get(ResourceLayout.SCHEMAS).deepCopy());
    }
    Decisions decisions = decisions();
    List<ResolvedAttribute> attributes = ResourceLayout.attributes(type());
    for (int i = 0; i < attributes.size(); i++) {
      ResolvedAttribute attribute = attributes.get(i);
      boolean included = decisions == null ? includesAttribute(attribute) : decisions.attributes[i];
      if (!included) {
        continue;
      }
      JsonNode value = attribute.get(resource);
      if (value.isMissingNode()) {
        continue;
      }
      JsonNode projected =
          attribute.attribute().isComplex()
              ? projectComplex(
                  attribute, value, decisions == null ? null : decisions.subAttributes[i])
              : value.deepCopy();
      if (!projected.isEmpty() || projected.isValueNode()) {
        attribute.set(result, projected);
      }
    }
    return result;
  }

  /** What this projection decided once, or null for the default one, whose rules cost nothing. */
  private Decisions decisions() {
    return switch (this) {
      case Default ignored -> null;
      case Named named -> named.decisions;
    };
  }

  /**
   * Whether the response may contain the attribute at this path, e.g. {@code includes("members")},
   * so a caller can avoid loading what the response will not contain. False for paths that name no
   * attribute.
   *
   * @param path an attribute path such as {@code members}, {@code name.givenName} or a
   *     URN-qualified one
   */
  default boolean includes(String path) {
    Optional<ResolvedAttribute> resolved = resolve(type(), path.trim());
    if (resolved.isEmpty()) {
      return false;
    }
    ResolvedAttribute attribute = resolved.get();
    ResolvedAttribute top = attribute.withSub(null);
    return includesAttribute(top)
        && attribute.sub().map(sub -> includesSubAttribute(top, sub)).orElse(true);
  }

  /**
   * @param subDecisions whether each sub-attribute is returned, by its place; null to apply the
   *     rules
   */
  private JsonNode projectComplex(
      ResolvedAttribute attribute, JsonNode value, boolean[] subDecisions) {
    if (!(value instanceof ArrayNode array)) {
      return projectObject(attribute, value, subDecisions);
    }
    ArrayNode elements = Json.MAPPER.createArrayNode();
    for (JsonNode element : array) {
      JsonNode projected = projectObject(attribute, element, subDecisions);
      if (!projected.isEmpty()) {
        elements.add(projected);
      }
    }
    return elements;
  }

  private ObjectNode projectObject(
      ResolvedAttribute attribute, JsonNode value, boolean[] subDecisions) {
    ObjectNode result = Json.object();
    List<AttributeDefinition> subs = attribute.attribute().subAttributes();
    for (int j = 0; j < subs.size(); j++) {
      AttributeDefinition sub = subs.get(j);
      JsonNode subValue = value.get(sub.name());
      if (subValue == null) {
        continue;
      }
      boolean included =
          subDecisions == null ? includesSubAttribute(attribute, sub) : subDecisions[j];
      if (included) {
        result.set(sub.name(), subValue.deepCopy());
      }
    }
    return result;
  }

  private boolean includesAttribute(ResolvedAttribute attribute) {
    Returned returned = attribute.attribute().returned();
    if (returned == Returned.ALWAYS) {
      return true;
    }
    if (returned == Returned.NEVER) {
      return false;
    }
    if (this instanceof Default) {
      // The common case names no path: no path text to build for each attribute of each resource.
      return returned == Returned.DEFAULT;
    }
    String path = key(attribute.canonicalPath());
    return switch (this) {
      case Default ignored -> returned == Returned.DEFAULT;
      case Only only ->
          only.paths().contains(path)
              || only.paths().stream().anyMatch(named -> named.startsWith(path + "."))
              || (returned == Returned.DEFAULT && namesExtension(only.paths(), attribute));
      case Except except ->
          returned == Returned.DEFAULT
              && !except.paths().contains(path)
              && !namesExtension(except.paths(), attribute);
    };
  }

  private boolean includesSubAttribute(ResolvedAttribute parent, AttributeDefinition sub) {
    Returned returned = sub.returned();
    if (returned == Returned.ALWAYS) {
      return true;
    }
    if (returned == Returned.NEVER) {
      return false;
    }
    if (this instanceof Default) {
      return returned == Returned.DEFAULT;
    }
    String parentPath = key(parent.canonicalPath());
    String path = parentPath + "." + key(sub.name());
    return switch (this) {
      case Default ignored -> returned == Returned.DEFAULT;
      case Only only -> {
        Set<String> paths = only.paths();
        boolean parentNamed =
            paths.contains(parentPath)
                || parent.attribute().returned() == Returned.ALWAYS
                || namesExtension(paths, parent);
        boolean someSubNamed = paths.stream().anyMatch(named -> named.startsWith(parentPath + "."));
        yield paths.contains(path)
            || (parentNamed && !someSubNamed && returned == Returned.DEFAULT)
            || (paths.contains(parentPath) && returned == Returned.REQUEST);
      }
      case Except except -> returned == Returned.DEFAULT && !except.paths().contains(path);
    };
  }

  private static boolean namesExtension(Set<String> paths, ResolvedAttribute attribute) {
    return attribute.extension() && paths.contains(key(attribute.schema().id()));
  }

  private static Set<String> paths(ResourceTypeDefinition type, String list) {
    Set<String> paths = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      Optional<SchemaDefinition> extension = type.extension(trimmed);
      if (extension.isPresent()) {
        paths.add(key(extension.get().id()));
      } else {
        resolve(type, trimmed).ifPresent(resolved -> paths.add(key(resolved.canonicalPath())));
      }
    }
    return paths;
  }

  /** Resolves {@code attr}, {@code attr.sub} or {@code urn:...:attr.sub}; empty when unknown. */
  private static Optional<ResolvedAttribute> resolve(ResourceTypeDefinition type, String name) {
    String urn = null;
    String rest = name;
    if (name.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = name.lastIndexOf(':');
      urn = name.substring(0, colon);
      rest = name.substring(colon + 1);
    }
    int dot = rest.indexOf('.');
    String attribute = dot < 0 ? rest : rest.substring(0, dot);
    String sub = dot < 0 ? null : rest.substring(dot + 1);
    if (attribute.isEmpty() || (sub != null && sub.isEmpty())) {
      return Optional.empty();
    }
    return type.resolve(new AttrPath(urn, attribute, sub));
  }

  private static String key(String path) {
    return path.toLowerCase(Locale.ROOT);
  }
}
