package com.classlark.scim.directory;

import com.classlark.scim.directory.log.ChangedAttributes;
import com.classlark.scim.protocol.bulk.BulkMethod;
import com.classlark.scim.protocol.bulk.BulkOperation;
import com.classlark.scim.protocol.bulk.BulkPlan;
import com.classlark.scim.protocol.bulk.BulkReferences;
import com.classlark.scim.protocol.bulk.BulkRequest;
import com.classlark.scim.protocol.bulk.BulkResult;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs bulk requests (RFC 7644 §3.7) through {@link Staff} and {@link Groups}, so each operation is
 * its own transaction under the same rules as the single-resource endpoints: a failed operation
 * changes nothing and never undoes another. Operations run in the order of {@link BulkPlan}; after
 * {@code failOnErrors} errors the remaining operations do not run and are not reported.
 */
public final class Bulk {
  private final Staff staff;
  private final Groups groups;

  public Bulk(Staff staff, Groups groups) {
    this.staff = staff;
    this.groups = groups;
  }

  /**
   * Runs the request for the school; the results are in request order, for the operations that ran.
   */
  public List<BulkResult> run(String accountId, BulkRequest request) {
    BulkPlan plan = BulkPlan.of(request.operations());
    BulkResult[] results = new BulkResult[request.operations().size()];
    Map<String, String> createdIds = new HashMap<>();
    int errors = 0;
    for (BulkPlan.Step step : plan.steps()) {
      BulkResult result = run(accountId, step, createdIds);
      results[step.operation().index()] = result;
      if (result.failed() && ++errors >= request.failOnErrors()) {
        break;
      }
    }
    List<BulkResult> ran = new ArrayList<>();
    for (BulkResult result : results) {
      if (result != null) {
        ran.add(result);
      }
    }
    return ran;
  }

  private BulkResult run(String accountId, BulkPlan.Step step, Map<String, String> createdIds) {
    return switch (step) {
      case BulkPlan.Step.UnknownReference(var op, var bulkId) ->
          BulkResult.failure(
              op,
              path(op, createdIds),
              ScimException.invalidValue(
                  op.label()
                      + " references "
                      + BulkReferences.PREFIX
                      + bulkId
                      + ", but no POST operation of this request has bulkId '"
                      + bulkId
                      + "'; nothing was changed by this operation."));
      case BulkPlan.Step.Circular(var op, var cycle) ->
          BulkResult.failure(
              op,
              null,
              ScimException.conflict(
                  op.label()
                      + " is part of a circular reference between the POST operations with bulkIds "
                      + String.join(", ", cycle)
                      + ", which cannot be resolved; nothing was changed by this operation. Create one"
                      + " without the reference and add it with a later PATCH."));
      case BulkPlan.Step.Run(var op, var references) -> {
        for (String bulkId : references) {
          if (!createdIds.containsKey(bulkId)) {
            yield BulkResult.failure(
                op,
                path(op, createdIds),
                ScimException.conflict(
                    op.label()
                        + " references "
                        + BulkReferences.PREFIX
                        + bulkId
                        + ", whose POST failed; nothing was changed by this operation."));
          }
        }
        try {
          yield execute(accountId, op, createdIds);
        } catch (ScimException e) {
          yield BulkResult.failure(op, path(op, createdIds), e);
        }
      }
    };
  }

  private BulkResult execute(String accountId, BulkOperation operation, Map<String, String> ids) {
    JsonNode data = operation.data() == null ? null : BulkReferences.resolve(operation.data(), ids);
    String id =
        operation.resourceId() == null ? null : BulkReferences.resolve(operation.resourceId(), ids);
    Precondition precondition = Precondition.ifMatch(operation.version());
    boolean users = operation.type() == ResourceTypes.USER;
    Written written =
        switch (operation.method()) {
          case POST -> users ? staff.create(accountId, data) : createdGroup(accountId, data);
          case PUT ->
              users
                  ? staff.replace(accountId, id, data, precondition)
                  : groups.replace(accountId, id, data, precondition);
          case PATCH ->
              users
                  ? staff.patch(accountId, id, data, precondition)
                  : groups.patch(accountId, id, data, precondition);
          case DELETE -> {
            if (users) {
              staff.retire(accountId, id, precondition);
            } else {
              groups.delete(accountId, id, precondition);
            }
            yield null;
          }
        };
    if (written == null) {
      return BulkResult.success(operation, 204, operation.type().endpoint() + "/" + id, null);
    }
    StoredResource resource = written.resource();
    if (operation.method() == BulkMethod.POST) {
      ids.put(operation.bulkId(), resource.id());
    }
    return BulkResult.success(
        operation,
        status(operation),
        operation.type().endpoint() + "/" + resource.id(),
        Versions.etag(resource.version()),
        written.changes());
  }

  /** A group created by a Bulk POST, with the attributes it was given (and members, if any). */
  private Written createdGroup(String accountId, JsonNode data) {
    StoredResource created = groups.create(accountId, data);
    java.util.List<String> changes =
        new java.util.ArrayList<>(ChangedAttributes.of(created.document()));
    if (data.path("members").size() > 0) {
      changes.add("members");
    }
    return new Written(created, changes);
  }

  /**
   * The status the single-resource endpoint answers: PATCH of a Group answers 204 without a body.
   */
  private static int status(BulkOperation operation) {
    return switch (operation.method()) {
      case POST -> 201;
      case PUT -> 200;
      case PATCH -> operation.type() == ResourceTypes.USER ? 200 : 204;
      case DELETE -> 204;
    };
  }

  /** The location of the resource an operation targets; null for POST and unresolved references. */
  private static String path(BulkOperation operation, Map<String, String> ids) {
    if (operation.resourceId() == null) {
      return null;
    }
    String id = BulkReferences.resolve(operation.resourceId(), ids);
    return BulkReferences.isReference(id) ? null : operation.type().endpoint() + "/" + id;
  }
}
