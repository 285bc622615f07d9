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
   * The {@code attributes} parameter.
   *
   * @param paths lower-case canonical paths, or extension URNs, of the attributes asked for
   */
  record Only(ResourceTypeDefinition type, Set<String> paths) implements Projection {
    public Only {
      paths = Set.copyOf(paths);
    }
  }

  /**
   * The {@code excludedAttributes} parameter.
   *
   * @param paths lower-case canonical paths, or extension URNs, of the attributes left out
   */
  record Except(ResourceTypeDefinition type, Set<String> paths) implements Projection {
    public Except {
      paths = Set.copyOf(paths);
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
    for (ResolvedAttribute attribute : ResourceLayout.attributes(type())) {
      JsonNode value = attribute.get(resource);
      if (value.isMissingNode() || !includesAttribute(attribute)) {
        continue;
      }
      JsonNode projected =
          attribute.attribute().isComplex() ? projectComplex(attribute, value) : value.deepCopy();
      if (!projected.isEmpty() || projected.isValueNode()) {
        attribute.set(result, projected);
      }
    }
    return result;
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

  private JsonNode projectComplex(ResolvedAttribute attribute, JsonNode value) {
    if (!(value instanceof ArrayNode array)) {
      return projectObject(attribute, value);
    }
    ArrayNode elements = Json.MAPPER.createArrayNode();
    for (JsonNode element : array) {
      JsonNode projected = projectObject(attribute, element);
      if (!projected.isEmpty()) {
        elements.add(projected);
      }
    }
    return elements;
  }

  private ObjectNode projectObject(ResolvedAttribute attribute, JsonNode value) {
    ObjectNode result = Json.object();
    for (AttributeDefinition sub : attribute.attribute().subAttributes()) {
      if (value.has(sub.name()) && includesSubAttribute(attribute, sub)) {
        result.set(sub.name(), value.get(sub.name()).deepCopy());
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
      case Default(var type) -> returned == Returned.DEFAULT;
      case Only(var type, var paths) ->
          paths.contains(path)
              || paths.stream().anyMatch(named -> named.startsWith(path + "."))
              || (returned == Returned.DEFAULT && namesExtension(paths, attribute));
      case Except(var type, var paths) ->
          returned == Returned.DEFAULT
              && !paths.contains(path)
              && !namesExtension(paths, attribute);
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
      case Default(var type) -> returned == Returned.DEFAULT;
      case Only(var type, var paths) -> {
        boolean parentNamed =
            paths.contains(parentPath)
                || parent.attribute().returned() == Returned.ALWAYS
                || namesExtension(paths, parent);
        boolean someSubNamed = paths.stream().anyMatch(named -> named.startsWith(parentPath + "."));
        yield paths.contains(path)
            || (parentNamed && !someSubNamed && returned == Returned.DEFAULT)
            || (paths.contains(parentPath) && returned == Returned.REQUEST);
      }
      case Except(var type, var paths) -> returned == Returned.DEFAULT && !paths.contains(path);
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
