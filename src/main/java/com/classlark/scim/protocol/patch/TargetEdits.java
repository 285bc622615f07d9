package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.FilterEvaluator;
import com.classlark.scim.protocol.filter.FilterRenderer;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The edits one {@code add}, {@code replace} or {@code remove} makes at one {@link PatchTarget} of
 * a working document, following RFC 7644 §3.5.2.1–3.5.2.3 as {@link PatchEngine} describes. Changes
 * the document in place; {@link PatchEngine} works on a copy.
 */
final class TargetEdits {
  private static final String VALUE = "value";

  private final FilterEvaluator evaluator;
  private final ObjectNode document;
  private final PatchOp op;

  TargetEdits(FilterEvaluator evaluator, ObjectNode document, PatchOp op) {
    this.evaluator = evaluator;
    this.document = document;
    this.op = op;
  }

  /** {@code add} or {@code replace} of {@code raw}, the value as the client sent it. */
  void assign(PatchTarget target, JsonNode raw) {
    switch (target) {
      case PatchTarget.Whole(var attribute) -> assignWhole(attribute, raw);
      case PatchTarget.Sub sub -> assignSub(sub, raw);
      case PatchTarget.Values values -> assignValues(values, raw);
    }
  }

  /** {@code remove}; {@code raw} is the operation's value, used only to pick values of a list. */
  void remove(PatchTarget target, JsonNode raw) {
    switch (target) {
      case PatchTarget.Whole(var attribute) -> {
        JsonNode current = attribute.get(document);
        if (attribute.attribute().multiValued() && !ResourceReader.isUnset(raw)) {
          removeListed(attribute, current, raw);
        } else {
          clear(attribute, current);
        }
      }
      case PatchTarget.Sub sub -> {
        JsonNode current = sub.attribute().get(document);
        if (current.has(sub.sub().name())) {
          merge(sub.attribute(), current, Json.object(), List.of(sub.sub()));
        }
      }
      case PatchTarget.Values values -> removeValues(values);
    }
  }

  private void assignWhole(ResolvedAttribute attribute, JsonNode raw) {
    AttributeDefinition definition = attribute.attribute();
    String path = attribute.canonicalPath();
    JsonNode current = attribute.get(document);
    if (definition.isComplex() && !definition.multiValued()) {
      JsonNode single = PatchValues.single(raw, path);
      if (ResourceReader.isUnset(single)) {
        clear(attribute, current);
        return;
      }
      ObjectNode given =
          (ObjectNode) PatchValues.read(attribute, single, path).orElseGet(Json::object);
      merge(attribute, current, given, PatchValues.clearedSubAttributes(definition, single));
      return;
    }
    Optional<JsonNode> value = PatchValues.read(attribute, raw, path);
    if (value.isEmpty()) {
      clear(attribute, current);
      return;
    }
    setWhole(attribute, current, value.get());
  }

  /**
   * {@code add} or {@code replace} of a value already in canonical form and not "clear", as a
   * pathless value gives it once {@link PathlessValue} has read it: it is not read a second time.
   */
  void assignCanonical(ResolvedAttribute attribute, JsonNode value) {
    AttributeDefinition definition = attribute.attribute();
    JsonNode current = attribute.get(document);
    if (definition.isComplex() && !definition.multiValued()) {
      merge(attribute, current, (ObjectNode) value, List.of());
    } else {
      setWhole(attribute, current, value);
    }
  }

  private void setWhole(ResolvedAttribute attribute, JsonNode current, JsonNode value) {
    AttributeDefinition definition = attribute.attribute();
    String path = attribute.canonicalPath();
    if (!definition.multiValued() || op == PatchOp.REPLACE) {
      ComplexMerge.checkImmutable(definition, path, current, value);
      attribute.set(document, value);
      return;
    }
    List<JsonNode> values = ResolvedAttribute.elements(current);
    Set<JsonNode> touched = MultiValuedOps.identitySet();
    touched.addAll(MultiValuedOps.append(values, value));
    MultiValuedOps.keepOnePrimary(definition, path, values, touched);
    attribute.set(document, MultiValuedOps.array(values));
  }

  private void assignSub(PatchTarget.Sub target, JsonNode raw) {
    ResolvedAttribute attribute = target.attribute();
    JsonNode current = attribute.get(document);
    Optional<JsonNode> value =
        PatchValues.read(target.attribute().withSub(target.sub()), raw, target.text());
    if (value.isEmpty()) {
      if (current.has(target.sub().name())) {
        merge(attribute, current, Json.object(), List.of(target.sub()));
      }
      return;
    }
    ObjectNode given = Json.object();
    given.set(target.sub().name(), value.get());
    merge(attribute, current, given, List.of());
  }

  private void assignValues(PatchTarget.Values target, JsonNode raw) {
    ResolvedAttribute attribute = target.attribute();
    AttributeDefinition definition = attribute.attribute();
    String path = target.text();
    List<JsonNode> values = ResolvedAttribute.elements(attribute.get(document));
    Set<JsonNode> matched = matching(target, values);
    ObjectNode given = Json.object();
    List<AttributeDefinition> cleared;
    boolean dropValues = false;
    if (target.sub() == null) {
      JsonNode single = PatchValues.single(raw, path);
      dropValues = ResourceReader.isUnset(single);
      PatchValues.readElement(attribute, single, path).ifPresent(given::setAll);
      cleared = PatchValues.clearedSubAttributes(definition, single);
    } else {
      Optional<JsonNode> value =
          PatchValues.read(target.attribute().withSub(target.sub()), raw, path);
      value.ifPresent(subValue -> given.set(target.sub().name(), subValue));
      cleared = value.isPresent() ? List.of() : List.of(target.sub());
    }
    Set<JsonNode> touched = MultiValuedOps.identitySet();
    if (matched.isEmpty()) {
      boolean clearing = given.isEmpty();
      Optional<ObjectNode> described =
          target.filter() == null || !definition.multiValued()
              ? Optional.empty()
              : MultiValuedOps.describedValue(target.filter());
      if (clearing && (target.filter() == null || described.isPresent())) {
        return; // nothing to clear
      }
      if (described.isEmpty()) {
        throw noMatch(target);
      }
      ObjectNode created = described.get();
      created.setAll(given);
      ObjectNode value = PatchValues.readElement(attribute, created, path).orElseThrow();
      if (!values.contains(value)) {
        values.add(value);
        touched.add(value);
      }
    } else {
      for (int index = 0; index < values.size(); index++) {
        JsonNode element = values.get(index);
        if (!matched.contains(element)) {
          continue;
        }
        if (dropValues) {
          values.remove(index--);
          continue;
        }
        ObjectNode merged =
            ComplexMerge.merge(definition, attribute.canonicalPath(), element, given, cleared);
        if (merged.isEmpty() || lostItsValue(definition, element, merged)) {
          values.remove(index--);
        } else {
          values.set(index, merged);
          touched.add(merged);
        }
      }
    }
    MultiValuedOps.keepOnePrimary(definition, attribute.canonicalPath(), values, touched);
    store(attribute, values);
  }

  private void removeValues(PatchTarget.Values target) {
    ResolvedAttribute attribute = target.attribute();
    List<JsonNode> values = ResolvedAttribute.elements(attribute.get(document));
    Set<JsonNode> matched = matching(target, values);
    if (matched.isEmpty()) {
      if (target.filter() != null) {
        throw noMatch(target);
      }
      return;
    }
    for (int index = 0; index < values.size(); index++) {
      JsonNode element = values.get(index);
      if (!matched.contains(element)) {
        continue;
      }
      ObjectNode rest =
          target.sub() == null
              ? Json.object()
              : ComplexMerge.merge(
                  attribute.attribute(),
                  attribute.canonicalPath(),
                  element,
                  Json.object(),
                  List.of(target.sub()));
      if (rest.isEmpty() || lostItsValue(attribute.attribute(), element, rest)) {
        values.remove(index--);
      } else {
        values.set(index, rest);
      }
    }
    store(attribute, values);
  }

  /** Entra's group-less shape: {@code remove} with a list removes those values only. */
  private void removeListed(ResolvedAttribute attribute, JsonNode current, JsonNode raw) {
    String path = attribute.canonicalPath();
    Optional<JsonNode> listed = PatchValues.read(attribute, raw, path);
    List<JsonNode> values = ResolvedAttribute.elements(current);
    if (listed.isEmpty() || values.isEmpty()) {
      return;
    }
    AttributeDefinition definition = attribute.attribute();
    for (JsonNode given : listed.get()) {
      values.removeIf(value -> MultiValuedOps.sameValue(definition, value, given));
    }
    store(attribute, values);
  }

  /**
   * A value of a multi-valued attribute such as {@code emails} is its {@code value}: once that is
   * cleared ({@code replace emails[type eq "work"].value} with {@code ""}, as Entra ID sends when
   * the source attribute is emptied), the rest ({@code type}, {@code primary}) describes nothing
   * and goes too.
   */
  private static boolean lostItsValue(
      AttributeDefinition definition, JsonNode before, ObjectNode after) {
    return definition.multiValued() && before.has(VALUE) && !after.has(VALUE);
  }

  private Set<JsonNode> matching(PatchTarget.Values target, List<JsonNode> values) {
    Set<JsonNode> matched = MultiValuedOps.identitySet();
    for (JsonNode value : values) {
      if (target.filter() == null
          || evaluator.matchesValue(target.filter(), value, target.attribute())) {
        matched.add(value);
      }
    }
    return matched;
  }

  private void merge(
      ResolvedAttribute attribute,
      JsonNode current,
      ObjectNode given,
      List<AttributeDefinition> cleared) {
    ObjectNode merged =
        ComplexMerge.merge(
            attribute.attribute(), attribute.canonicalPath(), current, given, cleared);
    if (merged.isEmpty()) {
      clear(attribute, current);
    } else {
      attribute.set(document, merged);
    }
  }

  private void clear(ResolvedAttribute attribute, JsonNode current) {
    ComplexMerge.checkImmutable(attribute.attribute(), attribute.canonicalPath(), current, null);
    attribute.remove(document);
  }

  /** Writes the values back: an array, the single object of a singular attribute, or nothing. */
  private void store(ResolvedAttribute attribute, List<JsonNode> values) {
    if (values.isEmpty()) {
      attribute.remove(document);
    } else if (attribute.attribute().multiValued()) {
      attribute.set(document, MultiValuedOps.array(values));
    } else {
      attribute.set(document, values.get(0));
    }
  }

  private static ScimException noMatch(PatchTarget.Values target) {
    if (target.filter() == null) {
      return ScimException.noTarget(
          target.attribute().canonicalPath()
              + " has no values, so "
              + target.text()
              + " selects nothing to change");
    }
    return ScimException.noTarget(
        "no value of "
            + target.attribute().canonicalPath()
            + " matches the filter ["
            + FilterRenderer.render(target.filter())
            + "] of the path "
            + target.text());
  }
}
