package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.FilterEvaluator;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.resource.ResourceLayout;
import com.classlark.scim.protocol.schema.AttributeDefinition;
import com.classlark.scim.protocol.schema.Mutability;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Applies PATCH operations to a canonical resource (RFC 7644 §3.5.2): all of them in order, or
 * none.
 *
 * <p>Semantics, per operation and path (see {@link PatchTarget}):
 *
 * <ul>
 *   <li>{@code add}: a singular attribute is set; a multi-valued one gets the values it lacks (an
 *       identical value is not added twice); a complex one has the given sub-attributes set and
 *       keeps the others (see {@link ComplexMerge}). Without a path the value is an object of
 *       attributes, each added that way (see {@link PathlessValue}).
 *   <li>{@code replace}: the same, except that a multi-valued attribute without filter gets exactly
 *       the given values.
 *   <li>{@code remove}: needs a path ({@code noTarget} otherwise) and removes what it selects; a
 *       value list given with a multi-valued attribute removes just those values.
 *   <li>A value filter ({@code emails[type eq "work"]}) selects values of a complex attribute;
 *       {@code replace} and {@code remove} on a filter that matches nothing are {@code noTarget}
 *       (RFC 7644 §3.5.2.3). The exception is a filter made only of {@code eq} comparisons, for
 *       {@code add} and {@code replace}: it describes the value it wants, so a new value is created
 *       from it and the given value. Microsoft Entra ID sends {@code replace emails[type eq
 *       "work"].value} for users that have no work email yet and its validator expects the email to
 *       appear. Other filters on {@code add} behave as on {@code replace}. A filtered value whose
 *       {@code value} sub-attribute is cleared is removed: an email without address is no email.
 *   <li>A filter selects values of complex attributes only; {@code add} and {@code replace} merge
 *       the given sub-attributes into each selected value rather than replacing it whole (the RFC's
 *       rule for complex attributes), so {@code replace emails[type eq "work"]} with {@code
 *       {"value": "x"}} keeps {@code type}.
 *   <li>An {@code add} or {@code replace} whose value is null, {@code ""}, {@code []} or {@code {}}
 *       clears its target, as a {@code remove} would (RFC 7644 §3.5.2.3 treats a null replacement
 *       as removal; Entra sends {@code ""} to clear).
 *   <li>Making one value primary makes the others non-primary (RFC 7643 §2.4).
 * </ul>
 *
 * <p>Errors: a path naming no attribute is {@code invalidPath}; a read-only target ({@code id},
 * {@code meta}, {@code groups}, {@code manager.displayName}) and a change to an immutable attribute
 * that has a value are {@code mutability}, and so is an operation that leaves a required attribute
 * without the value it had (RFC 7644 §3.5.2.2); a value that does not fit the attribute is {@code
 * invalidValue}. Write-only attributes ({@code password}) are accepted and not stored, as on POST.
 */
public final class PatchEngine {
  private PatchEngine() {}

  private static final FilterParser DEFAULT_PATHS = new FilterParser(FilterLimits.DEFAULT);

  /**
   * Applies {@code operations} to {@code document}, reading the keys of pathless values within
   * {@link FilterLimits#DEFAULT}.
   */
  public static ObjectNode apply(
      ResourceTypeDefinition type,
      ObjectNode document,
      String resourceId,
      List<PatchOperation> operations) {
    return apply(type, document, resourceId, operations, DEFAULT_PATHS);
  }

  /**
   * Applies {@code operations} to {@code document}.
   *
   * @param document the resource in canonical form, without {@code id} and {@code meta}; unchanged
   * @param resourceId the resource's id, which a pathless value may repeat but not change
   * @param paths the parser of the keys of pathless values, with the service's configured filter
   *     limits (the same that parsed the operations' paths)
   * @return a new canonical document with {@code schemas} recomputed
   * @throws ScimException for the first operation that cannot apply; nothing is applied then
   */
  public static ObjectNode apply(
      ResourceTypeDefinition type,
      ObjectNode document,
      String resourceId,
      List<PatchOperation> operations,
      FilterParser paths) {
    ObjectNode working = document.deepCopy();
    FilterEvaluator evaluator = new FilterEvaluator(type);
    for (PatchOperation operation : operations) {
      applyOne(type, evaluator, paths, working, resourceId, operation);
    }
    checkRequiredKept(type, document, working);
    return ResourceLayout.withSchemas(type, working);
  }

  private static void applyOne(
      ResourceTypeDefinition type,
      FilterEvaluator evaluator,
      FilterParser paths,
      ObjectNode document,
      String resourceId,
      PatchOperation operation) {
    PatchOp op = operation.op();
    if (operation.path() == null) {
      if (op == PatchOp.REMOVE) {
        throw ScimException.noTarget(
            "remove needs a path naming the attribute or values to remove");
      }
      PathlessValue pathless = PathlessValue.read(type, operation.value(), resourceId, op, paths);
      TargetEdits edits = new TargetEdits(evaluator, document, op);
      for (PatchTarget cleared : pathless.cleared()) {
        edits.assign(cleared, NullNode.getInstance());
      }
      for (Map.Entry<ResolvedAttribute, JsonNode> value : pathless.values()) {
        edits.assignCanonical(value.getKey(), value.getValue());
      }
      return;
    }
    PatchTarget target = PatchTarget.resolve(type, operation.path());
    if (PatchTarget.readOnly(target)) {
      throw ScimException.mutability(
          target.text()
              + " is read-only: the service provider sets it and a client cannot change it");
    }
    if (writeOnly(target)) {
      return; // accepted and never stored, as ResourceReader does on POST
    }
    TargetEdits edits = new TargetEdits(evaluator, document, op);
    if (op == PatchOp.REMOVE) {
      edits.remove(target, operation.value());
      return;
    }
    if (operation.value() == null) {
      throw ScimException.invalidValue(
          op.keyword() + " of " + target.text() + " needs a value; use remove to delete it");
    }
    edits.assign(target, operation.value());
  }

  private static boolean writeOnly(PatchTarget target) {
    AttributeDefinition definition =
        switch (target) {
          case PatchTarget.Whole(var attribute) -> attribute.attribute();
          case PatchTarget.Sub(var attribute, var sub) -> sub;
          case PatchTarget.Values(var attribute, var filter, var sub) ->
              sub == null ? attribute.attribute() : sub;
        };
    return definition.mutability() == Mutability.WRITE_ONLY
        || target.attribute().attribute().mutability() == Mutability.WRITE_ONLY;
  }

  /**
   * RFC 7644 §3.5.2.2: an operation must not leave a required attribute unassigned. Only values the
   * document had are checked, so a patch never fails for what it did not touch.
   */
  private static void checkRequiredKept(
      ResourceTypeDefinition type, ObjectNode before, ObjectNode after) {
    for (ResolvedAttribute attribute : ResourceLayout.attributes(type)) {
      AttributeDefinition definition = attribute.attribute();
      boolean requiredSubs =
          definition.isComplex()
              && !definition.multiValued()
              && definition.subAttributes().stream().anyMatch(AttributeDefinition::required);
      if (!definition.required() && !requiredSubs) {
        // Nothing of it can be a removed required value: no lookup in either document.
        continue;
      }
      JsonNode old = attribute.get(before);
      JsonNode now = attribute.get(after);
      if (definition.required() && !old.isMissingNode() && now.isMissingNode()) {
        throw requiredRemoved(attribute.canonicalPath());
      }
      if (!definition.isComplex() || definition.multiValued() || now.isMissingNode()) {
        continue;
      }
      for (AttributeDefinition sub : definition.subAttributes()) {
        if (sub.required() && old.has(sub.name()) && !now.has(sub.name())) {
          throw requiredRemoved(attribute.withSub(sub).canonicalPath());
        }
      }
    }
  }

  private static ScimException requiredRemoved(String path) {
    return ScimException.mutability(path + " is required and cannot be removed");
  }
}
