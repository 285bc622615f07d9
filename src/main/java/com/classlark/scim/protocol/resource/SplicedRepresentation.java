package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.CommonAttributes;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.Returned;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default representation of a resource (no {@code attributes} or {@code excludedAttributes},
 * RFC 7644 §3.9) written from the text of its stored document with {@code id} and {@code meta}
 * spliced in, instead of parsing the document, copying it through {@link Projection#apply} and
 * serialising it again: the same bytes, at a fraction of the cost.
 *
 * <p>That holds for text that {@link Json#MAPPER} wrote of a canonical document, which is what the
 * store keeps, and the text is checked for it as it is scanned: no white space, only the escapes
 * the mapper writes, no lone surrogate, no number but integers (a decimal may read back in another
 * form), no empty array or object (the projection drops them), and only attributes the default
 * projection returns whole, each complex value's sub-attributes and each extension's attributes in
 * their definition's order (the projection writes them in that order). Top-level members are
 * written in the layout's order whatever order the text has them in (an attribute the service
 * defaults, such as {@code active}, is added after the others). Anything else gives empty, and the
 * caller takes the general path.
 */
public final class SplicedRepresentation {
  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
  private static final String SCHEMAS_MEMBER = "{\"schemas\":[";
  private static final List<String> LITERALS = List.of("true", "false", "null");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** The layout position of {@code meta}: top-level members before it are written before it. */
  private static final int META = 1 + CommonAttributes.ALL.indexOf(CommonAttributes.META);

  /** A type's top-level shape, made once. */
  private record Laid(ResourceTypeDefinition type, Shape shape) {}

  /**
   * The shapes made so far, compared by identity (a handful): a type's record hash code walks all
   * of its attribute definitions, which cost more than the rest of a splice.
   */
  private static volatile List<Laid> laid = List.of();

  private static final int MAX_LAID = 16;

  private SplicedRepresentation() {}

  /**
   * The members of an object the default projection keeps whole, by name.
   *
   * @param members name → its place (from 1) and what its value holds
   */
  private record Shape(Map<String, Member> members) {}

  /**
   * @param shape what the objects of a complex value or an extension hold; null for a value the
   *     projection copies as it is
   * @param objectOnly an extension's value: one object, never an array
   */
  private record Member(int position, Shape shape, boolean objectOnly) {}

  /**
   * The bytes {@code Json.MAPPER.writeValueAsBytes(Projection.all(type).apply(
   * ResourceRepresentation.render(type, id, document, meta)))} writes for the parsed document;
   * empty when the text is not one this can splice (see above).
   *
   * @param document the stored document's JSON text, without {@code id} and {@code meta}
   */
  public static Optional<byte[]> render(
      ResourceTypeDefinition type, String id, String document, ResourceRepresentation.Meta meta) {
    return text(type, id, document, meta).map(json -> json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@link #render} as text, all of whose characters are in the BMP: what a {@code JsonGenerator}
   * that writes UTF-8 writes as a raw value to the same bytes.
   */
  public static Optional<String> text(
      ResourceTypeDefinition type, String id, String document, ResourceRepresentation.Meta meta) {
    if (!document.startsWith(SCHEMAS_MEMBER) || !document.endsWith("}")) {
      return Optional.empty();
    }
    Shape shape = topLevel(type);
    Scan scan = new Scan(document, SCHEMAS_MEMBER.length() - 1);
    if (!scan.value(null)) {
      return Optional.empty();
    }
    int schemasEnd = scan.at;
    // Each top-level member as (layout position << 32 | its number), to be sorted.
    int most = shape.members().size();
    long[] members = new long[most];
    int[] starts = new int[most];
    int[] ends = new int[most];
    int count = 0;
    while (scan.at < document.length() - 1 && document.charAt(scan.at) == ',') {
      int start = scan.at++;
      Member member = scan.key(shape);
      if (member == null || count == most || !scan.value(member)) {
        return Optional.empty();
      }
      members[count] = ((long) member.position() << 32) | count;
      starts[count] = start;
      ends[count++] = scan.at;
    }
    if (scan.at != document.length() - 1) {
      return Optional.empty();
    }
    Arrays.sort(members, 0, count);
    StringBuilder json = new StringBuilder(document.length() + 256);
    json.append(document, 0, schemasEnd).append(",\"id\":");
    quoted(json, id);
    boolean metaWritten = false;
    int lastPosition = 0;
    for (int i = 0; i < count; i++) {
      int position = (int) (members[i] >>> 32);
      int member = (int) members[i];
      if (position == lastPosition) {
        return Optional.empty(); // the same attribute twice
      }
      if (!metaWritten && position > META) {
        meta(json, type, meta);
        metaWritten = true;
      }
      json.append(document, starts[member], ends[member]);
      lastPosition = position;
    }
    if (!metaWritten) {
      meta(json, type, meta);
    }
    json.append('}');
    boolean beyondBmp =
        scan.surrogates
            || hasSurrogate(id)
            || hasSurrogate(type.name())
            || hasSurrogate(meta.location())
            || hasSurrogate(meta.version());
    return Optional.of(beyondBmp ? bmpOnly(json) : json.toString());
  }

  private static Shape topLevel(ResourceTypeDefinition type) {
    List<Laid> known = laid;
    for (Laid each : known) {
      if (each.type() == type) {
        return each.shape();
      }
    }
    Shape shape = layOut(type);
    if (known.size() < MAX_LAID) {
      List<Laid> more = new ArrayList<>(known);
      more.add(new Laid(type, shape));
      laid = List.copyOf(more);
    }
    return shape;
  }

  private static void meta(
      StringBuilder json, ResourceTypeDefinition type, ResourceRepresentation.Meta meta) {
    json.append(",\"meta\":{\"resourceType\":");
    quoted(json, type.name());
    json.append(",\"created\":");
    quoted(json, meta.created().toString());
    json.append(",\"lastModified\":");
    quoted(json, meta.lastModified().toString());
    json.append(",\"location\":");
    quoted(json, meta.location());
    json.append(",\"version\":");
    quoted(json, meta.version());
    json.append('}');
  }

  private static void quoted(StringBuilder json, String value) {
    json.append('"');
    ENCODER.quoteAsString(value, json);
    json.append('"');
  }

  /**
   * The JSON as {@link Json#MAPPER} writes it as UTF-8 bytes: it writes a character beyond the BMP
   * (an emoji) as the escapes of its two UTF-16 halves, in upper case, where its text output, the
   * stored document, has the character itself.
   */
  private static boolean hasSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static String bmpOnly(StringBuilder json) {
    int first = 0;
    while (first < json.length() && !Character.isSurrogate(json.charAt(first))) {
      first++;
    }
    if (first == json.length()) {
      return json.toString();
    }
    StringBuilder escaped = new StringBuilder(json.length() + 64).append(json, 0, first);
    for (int i = first; i < json.length(); i++) {
      char c = json.charAt(i);
      if (Character.isSurrogate(c)) {
        escaped.append('\\').append('u').append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]);
        escaped.append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * The top-level shape of a type's documents: each attribute the default projection returns whole
   * (returned by default or always, and so is each of its sub-attributes), at 1 + its place in the
   * layout; an extension's URN at its first attribute's place, when all its attributes are. {@code
   * id} and {@code meta} are left out: a stored document never has them.
   */
  private static Shape layOut(ResourceTypeDefinition type) {
    List<ResolvedAttribute> attributes = ResourceLayout.attributes(type);
    Map<String, Member> top = new HashMap<>();
    Map<String, Map<String, Member>> extensions = new HashMap<>();
    Set<String> partial = new HashSet<>();
    for (int i = 0; i < attributes.size(); i++) {
      ResolvedAttribute attribute = attributes.get(i);
      AttributeDefinition definition = attribute.attribute();
      boolean whole = returnedWhole(definition);
      if (attribute.extension()) {
        String urn = attribute.schema().id();
        Map<String, Member> inside = extensions.computeIfAbsent(urn, unused -> new HashMap<>());
        inside.put(definition.name(), new Member(inside.size() + 1, shapeOf(definition), false));
        top.putIfAbsent(urn, new Member(i + 1, new Shape(inside), true));
        if (!whole) {
          partial.add(urn);
        }
      } else if (whole
          && definition != CommonAttributes.ID
          && definition != CommonAttributes.META) {
        top.put(definition.name(), new Member(i + 1, shapeOf(definition), false));
      }
    }
    partial.forEach(top::remove);
    return new Shape(Map.copyOf(top));
  }

  private static Shape shapeOf(AttributeDefinition definition) {
    if (!definition.isComplex()) {
      return null;
    }
    Map<String, Member> subs = new HashMap<>();
    for (AttributeDefinition sub : definition.subAttributes()) {
      subs.put(sub.name(), new Member(subs.size() + 1, null, false));
    }
    return new Shape(Map.copyOf(subs));
  }

  private static boolean returnedWhole(AttributeDefinition attribute) {
    if (attribute.returned() != Returned.DEFAULT && attribute.returned() != Returned.ALWAYS) {
      return false;
    }
    for (AttributeDefinition sub : attribute.subAttributes()) {
      if (!returnedWhole(sub)) {
        return false;
      }
    }
    return true;
  }

  /** A scan of the text from {@link #at}; each step is false when the text is not as it must be. */
  private static final class Scan {
    private final String text;
    private int at;

    /** Whether a string scanned so far has a character beyond the BMP. */
    private boolean surrogates;

    Scan(String text, int at) {
      this.text = text;
      this.at = at;
    }

    private char current() {
      return at < text.length() ? text.charAt(at) : 0;
    }

    /** The member a key at {@link #at} names in {@code shape}, after its colon; null if none. */
    Member key(Shape shape) {
      int keyEnd = text.indexOf('"', at + 1);
      if (current() != '"' || keyEnd < 0 || keyEnd + 1 >= text.length()) {
        return null;
      }
      Member member = shape.members().get(text.substring(at + 1, keyEnd));
      at = keyEnd + 2;
      return text.charAt(keyEnd + 1) == ':' ? member : null;
    }

    /** A member's value: as its shape says, or any value when it has none ({@code null}). */
    boolean value(Member member) {
      Shape shape = member == null ? null : member.shape();
      if (shape == null) {
        return any();
      }
      if (current() == '{') {
        return object(shape);
      }
      if (member.objectOnly() || current() != '[' || text.charAt(at + 1) == ']') {
        return false;
      }
      do {
        at++;
        if (!object(shape)) {
          return false;
        }
      } while (current() == ',');
      return expect(']');
    }

    /** A non-empty object whose members are those of {@code shape}, in its order. */
    private boolean object(Shape shape) {
      if (current() != '{' || text.charAt(at + 1) == '}') {
        return false;
      }
      int last = 0;
      do {
        at++;
        Member member = key(shape);
        if (member == null || member.position() <= last || !value(member)) {
          return false;
        }
        last = member.position();
      } while (current() == ',');
      return expect('}');
    }

    /** Any value as the mapper writes it, with no empty array or object in it. */
    private boolean any() {
      char c = current();
      if (c == '"') {
        return string();
      }
      if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        if (at + 1 >= text.length() || text.charAt(at + 1) == close) {
          return false;
        }
        do {
          at++;
          if (c == '{' && !(string() && expect(':'))) {
            return false;
          }
          if (!any()) {
            return false;
          }
        } while (current() == ',');
        return expect(close);
      }
      return scalar();
    }

    private boolean expect(char c) {
      if (current() != c) {
        return false;
      }
      at++;
      return true;
    }

    /** A string: only the mapper's escapes, no control character, no lone surrogate. */
    private boolean string() {
      if (current() != '"') {
        return false;
      }
      int length = text.length();
      int i = at + 1;
      while (i < length) {
        char c = text.charAt(i);
        if (c == '"') {
          at = i + 1;
          return true;
        }
        if (c == '\\') {
          int escaped = escapeLength(i);
          if (escaped < 0) {
            return false;
          }
          i += escaped;
        } else if (c < ' ') {
          return false;
        } else if (Character.isHighSurrogate(c)) {
          if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
            return false;
          }
          surrogates = true;
          i += 2;
        } else if (Character.isLowSurrogate(c)) {
          return false;
        } else {
          i++;
        }
      }
      return false;
    }

    /**
     * The length of the escape at {@code i}, or -1 when the mapper would not write it: it escapes
     * {@code "} and {@code \}, and control characters, by their short form where JSON has one, else
     * as six characters in upper case; nothing else.
     */
    private int escapeLength(int i) {
      if (i + 1 >= text.length()) {
        return -1;
      }
      return switch (text.charAt(i + 1)) {
        case '"', '\\', 'b', 't', 'n', 'f', 'r' -> 2;
        case 'u' -> {
          if (i + 6 > text.length() || !text.startsWith("00", i + 2)) {
            yield -1;
          }
          int code = hex(text.charAt(i + 4)) * 16 + hex(text.charAt(i + 5));
          boolean shortForm =
              code == '\b' || code == '\t' || code == '\n' || code == '\f' || code == '\r';
          yield code >= 0 && code < ' ' && !shortForm ? 6 : -1;
        }
        default -> -1;
      };
    }

    private static int hex(char c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1_000;
    }

    /** {@code true}, {@code false}, {@code null} or an integer. */
    private boolean scalar() {
      for (String literal : LITERALS) {
        if (text.startsWith(literal, at)) {
          at += literal.length();
          return true;
        }
      }
      int digits = current() == '-' ? at + 1 : at;
      int end = digits;
      while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
        end++;
      }
      at = end;
      return end > digits;
    }
  }
}
