package com.classlark.scim.scim;

import com.classlark.scim.protocol.schema.ServiceProviderConfig;

/** {@code GET /ServiceProviderConfig} (RFC 7644 §4). */
public final class ServiceProviderConfigRoutes implements ScimRoutes {
  private final ServiceProviderConfig config;
  private final String publicBaseUrl;

  public ServiceProviderConfigRoutes(ServiceProviderConfig config, String publicBaseUrl) {
    this.config = config;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void register(ScimRouter router) {
    router.get(
        "/ServiceProviderConfig",
        ctx -> {
          DiscoveryRoutes.refuseFilter(ctx, "/ServiceProviderConfig");
          ScimResponses.json(ctx, 200, config.render(BaseUrl.of(ctx, publicBaseUrl)));
        });
  }
}
