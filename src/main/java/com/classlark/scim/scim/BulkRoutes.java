package com.classlark.scim.scim;

import com.classlark.scim.directory.Bulk;
import com.classlark.scim.protocol.bulk.BulkRequest;
import com.classlark.scim.protocol.bulk.BulkResponse;
import com.classlark.scim.protocol.bulk.BulkResult;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /Bulk} (RFC 7644 §3.7). The payload limit is checked on the declared length before
 * the body is read and on the bytes read before they are parsed; both limits answer 413 naming the
 * limit (§3.7.4).
 */
public final class BulkRoutes implements ScimRoutes {
  private final Bulk bulk;
  private final BulkSettings settings;
  private final String publicBaseUrl;

  public BulkRoutes(Bulk bulk, BulkSettings settings, String publicBaseUrl) {
    this.bulk = bulk;
    this.settings = settings;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void register(ScimRouter router) {
    router.post("/Bulk", this::bulk);
  }

  private void bulk(Context ctx) {
    // The body is read before it is judged: the server already caps it at the HTTP body limit, and
    // answering before reading it let the kernel reset the connection under the client's unsent
    // bytes,
    // so the client saw no 413 at all.
    byte[] body = ctx.bodyAsBytes();
    if (body.length > settings.maxPayloadBytes()) {
      throw payloadTooLarge();
    }
    BulkRequest request = BulkRequest.parse(Json.parse(body), settings.maxOperations());
    List<BulkResult> results = bulk.run(BearerAuth.accountId(ctx), request);
    ProvisioningCapture.bulk(ctx, request.operations(), results);
    ScimResponses.json(ctx, 200, BulkResponse.render(results, BaseUrl.of(ctx, publicBaseUrl)));
  }

  private ScimException payloadTooLarge() {
    return ScimException.payloadTooLarge(
        "The size of the bulk operation exceeds the maxPayloadSize ("
            + settings.maxPayloadBytes()
            + ").");
  }
}
