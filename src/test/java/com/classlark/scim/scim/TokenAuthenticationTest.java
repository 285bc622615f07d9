package com.classlark.scim.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.IssuedToken;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token lifecycle through real HTTP: issue, use, list without secret, revoke, expire. */
class TokenAuthenticationTest extends ServerPerEngine {

  private static String unauthorized(String detail) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"401\",\"detail\":\""
        + detail
        + "\"}";
  }

  private IssuedToken issue(Duration expiresIn) {
    return server
        .application()
        .services()
        .tokens()
        .issue(server.school().id(), "lifecycle " + engine, expiresIn);
  }

  @Test
  void issuedTokenAuthenticatesAndHasRecognisablePrefix() {
    IssuedToken issued = issue(null);

    assertThat(issued.secret()).startsWith("clsk_").hasSize(5 + 43);
    assertThat(issued.token().prefix()).isEqualTo(issued.secret().substring(0, 11));
    HttpResult result =
        ScimClient.withToken(server.baseUrl(), issued.secret()).get("/ServiceProviderConfig");
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
  }

  @Test
  void listingShowsTokensButNeverTheirSecrets() {
    IssuedToken issued = issue(Duration.ofDays(30));

    List<ApiToken> tokens = server.application().services().tokens().list(server.school().id());

    ApiToken listed =
        tokens.stream()
            .filter(token -> token.id().equals(issued.token().id()))
            .findFirst()
            .orElseThrow();
    assertThat(listed.prefix()).isEqualTo(issued.token().prefix());
    assertThat(listed.label()).isEqualTo("lifecycle " + engine);
    assertThat(listed.expiresAt()).isEqualTo(issued.token().createdAt().plus(Duration.ofDays(30)));
    assertThat(listed.toString()).doesNotContain(issued.secret().substring(11));
  }

  @Test
  void useIsRecordedAsLastUsed() {
    IssuedToken issued = issue(null);

    ScimClient.withToken(server.baseUrl(), issued.secret()).get("/ServiceProviderConfig");

    ApiToken listed =
        server.application().services().tokens().list(server.school().id()).stream()
            .filter(token -> token.id().equals(issued.token().id()))
            .findFirst()
            .orElseThrow();
    assertThat(listed.lastUsedAt()).isNotNull();
    assertThat(listed.lastUsedAt()).isBetween(issued.token().createdAt(), server.clock().instant());
  }

  @Test
  void revokedTokenGets401() {
    IssuedToken issued = issue(null);
    ScimClient client = ScimClient.withToken(server.baseUrl(), issued.secret());
    assertThat(client.get("/ServiceProviderConfig").status()).isEqualTo(200);

    server.application().services().tokens().revoke(issued.token().id());

    HttpResult result = client.get("/ServiceProviderConfig");
    assertThat(result.status()).isEqualTo(401);
    assertThat(result.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(result.body())
        .isEqualTo(
            unauthorized("The bearer token was revoked. Ask ClassLark support for a new token."));
  }

  @Test
  void expiredTokenGets401() {
    IssuedToken issued = issue(Duration.ofHours(1));
    ScimClient client = ScimClient.withToken(server.baseUrl(), issued.secret());
    assertThat(client.get("/ServiceProviderConfig").status()).isEqualTo(200);

    server.clock().advance(Duration.ofHours(1));

    HttpResult result = client.get("/ServiceProviderConfig");
    assertThat(result.status()).isEqualTo(401);
    assertThat(result.body())
        .isEqualTo(
            unauthorized(
                "The bearer token expired at "
                    + issued.token().expiresAt()
                    + ". Ask ClassLark support for a new token."));
  }

  @Test
  void eachTokenResolvesToItsOwnSchool() {
    var services = server.application().services();
    var otherSchool = services.accounts().create("Other School " + engine);
    IssuedToken other = services.tokens().issue(otherSchool.id(), null, null);
    IssuedToken own = issue(null);

    assertThat(services.tokens().authenticate(other.secret()).accountId())
        .isEqualTo(otherSchool.id());
    assertThat(services.tokens().authenticate(own.secret()).accountId())
        .isEqualTo(server.school().id());
  }
}
