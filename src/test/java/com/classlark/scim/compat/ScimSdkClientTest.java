package com.classlark.scim.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * An independent SCIM client, the UnboundID (Ping Identity) SCIM 2 SDK's {@link ScimService} on
 * Jersey, driving the real server at {@code /scim/v2} on both databases: what it writes and how it
 * reads our answers is its authors' reading of RFC 7643/7644, not ours. Where the two disagree,
 * docs/identity-providers.md ("Independent client") records who follows the RFC.
 */
class ScimSdkClientTest extends ServerPerEngine {
  static Client http;
  static ScimService scim;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    String token = server.token();
    // Apache HttpClient 5 under Jersey: the default HttpURLConnection connector cannot send PATCH.
    http =
        ClientBuilder.newClient(
            new ClientConfig().connectorProvider(new Apache5ConnectorProvider()));
    http.register(
        (ClientRequestFilter)
            request -> request.getHeaders().putSingle("Authorization", "Bearer " + token));
    scim = new ScimService(http.target(server.baseUrl() + "/scim/v2"));
  }

  @AfterParameterizedClassInvocation
  static void closeClient() {
    http.close();
  }

  private static UserResource staff(String userName) throws ScimException {
    UserResource user = new UserResource().setUserName(userName);
    user.setName(new Name().setGivenName("Mary").setFamilyName("Somerville"));
    user.setUserType("Administrator");
    user.setEmails(new Email().setValue(userName).setType("work").setPrimary(true));
    user.setActive(true);
    user.setSchemaUrns(Replay.CORE_USER, Replay.PLANNER);
    user.replaceExtensionValue(
        Path.root(Replay.PLANNER).attribute("subjects"), TextNode.valueOf("Mathematics, Physics"));
    user.replaceExtensionValue(
        Path.root(Replay.PLANNER).attribute("room"), TextNode.valueOf("A113"));
    return user;
  }

  private static String subjects(UserResource user) throws ScimException {
    return user.getExtensionValues(Path.root(Replay.PLANNER).attribute("subjects")).get(0).asText();
  }

  @Test
  void createRetrieveReplaceAndDelete() throws ScimException {
    String userName = Bodies.uniqueEmail("mary");
    UserResource created = scim.create("Users", staff(userName));
    assertThat(created.getId()).isNotBlank();
    assertThat(created.getMeta().getResourceType()).isEqualTo("User");
    assertThat(created.getMeta().getVersion()).isEqualTo("W/\"1\"");
    assertThat(created.getUserType()).isEqualTo("Administrator");
    assertThat(subjects(created)).isEqualTo("Mathematics, Physics");
    assertThat(created.getSchemaUrns()).contains(Replay.CORE_USER, Replay.PLANNER);

    UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
    assertThat(read).isEqualTo(created);

    read.setTitle("Head of Mathematics");
    read.replaceExtensionValue(
        Path.root(Replay.PLANNER).attribute("subjects"), TextNode.valueOf("Mathematics"));
    UserResource replaced = scim.replace(read);
    assertThat(replaced.getTitle()).isEqualTo("Head of Mathematics");
    assertThat(subjects(replaced)).isEqualTo("Mathematics");
    assertThat(replaced.getMeta().getVersion()).isEqualTo("W/\"2\"");
    assertThat(scim.retrieve(replaced)).isEqualTo(replaced);

    scim.delete(replaced);
    assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessage("No User with id " + created.getId() + " exists in this school.");
  }

  @Test
  void aTakenUserNameIsAConflictWithScimTypeUniqueness() throws ScimException {
    String userName = Bodies.uniqueEmail("twice");
    scim.create("Users", staff(userName));
    assertThatThrownBy(() -> scim.create("Users", staff(userName.toUpperCase())))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            conflict -> {
              assertThat(conflict.getScimError().getStatus()).isEqualTo(409);
              assertThat(conflict.getScimError().getScimType()).isEqualTo("uniqueness");
            });
  }

  @Test
  void modifyWithPatchRequests() throws ScimException {
    UserResource created = scim.create("Users", staff(Bodies.uniqueEmail("patched")));
    UserResource patched =
        scim.modifyRequest("Users", created.getId())
            .replaceValue("name.familyName", "Fairfax")
            .replaceValue("active", false)
            .replaceValue(Path.root(Replay.PLANNER).attribute("room"), "B201")
            .addValues(
                "phoneNumbers",
                new com.unboundid.scim2.common.types.PhoneNumber()
                    .setValue("+44 20 7946 0000")
                    .setType("work"))
            .invoke(UserResource.class);
    assertThat(patched.getName().getFamilyName()).isEqualTo("Fairfax");
    assertThat(patched.getActive()).isFalse();
    assertThat(
            patched.getExtensionValues(Path.root(Replay.PLANNER).attribute("room")).get(0).asText())
        .isEqualTo("B201");
    assertThat(patched.getPhoneNumbers())
        .extracting(phone -> phone.getValue())
        .containsExactly("+44 20 7946 0000");

    UserResource removed =
        scim.modifyRequest("Users", created.getId())
            .removeValues("phoneNumbers")
            .invoke(UserResource.class);
    assertThat(removed.getPhoneNumbers()).isNullOrEmpty();
    assertThat(scim.retrieve("Users", created.getId(), UserResource.class)).isEqualTo(removed);
  }

  @Test
  void searchWithFiltersSortingAndPaging() throws ScimException {
    String family = "Pager" + UUID.randomUUID().toString().substring(0, 6);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UserResource user = staff(Bodies.uniqueEmail("page" + i));
      user.setName(new Name().setGivenName("G" + i).setFamilyName(family));
      ids.add(scim.create("Users", user).getId());
    }
    ListResponse<UserResource> one =
        scim.searchRequest("Users")
            .filter(
                Filter.eq(
                    "userName",
                    scim.retrieve("Users", ids.get(2), UserResource.class).getUserName()))
            .invoke(UserResource.class);
    assertThat(one.getTotalResults()).isEqualTo(1);
    assertThat(one.getResources().get(0).getId()).isEqualTo(ids.get(2));

    Filter byFamily = Filter.and(Filter.eq("name.familyName", family), Filter.eq("active", true));
    List<String> paged = new ArrayList<>();
    for (int start = 1; start <= 5; start += 2) {
      ListResponse<UserResource> page =
          scim.searchRequest("Users")
              .filter(byFamily)
              .sort("name.givenName", SortOrder.DESCENDING)
              .page(start, 2)
              .invoke(UserResource.class);
      assertThat(page.getTotalResults()).isEqualTo(5);
      assertThat(page.getStartIndex()).isEqualTo(start);
      page.forEach(user -> paged.add(user.getId()));
    }
    assertThat(paged).isEqualTo(ids.reversed());

    ListResponse<UserResource> posted =
        scim.searchRequest("Users").filter(byFamily).page(1, 10).invokePost(UserResource.class);
    assertThat(posted.getResources())
        .extracting(UserResource::getId)
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(
            scim.searchRequest("Users")
                .filter(Filter.eq("userName", "nobody@school.example"))
                .invoke(UserResource.class)
                .getTotalResults())
        .isZero();
  }

  @Test
  void groupsWithMembers() throws ScimException {
    String a = scim.create("Users", staff(Bodies.uniqueEmail("ga"))).getId();
    String b = scim.create("Users", staff(Bodies.uniqueEmail("gb"))).getId();
    GroupResource group = new GroupResource().setDisplayName("Maths " + UUID.randomUUID());
    group.setMembers(new Member().setValue(a));
    GroupResource created = scim.create("Groups", group);
    assertThat(created.getMembers()).extracting(Member::getValue).containsExactly(a);
    assertThat(created.getMembers().get(0).getType()).isEqualTo("User");

    // Without attributes the server answers 204 (RFC 7644 §3.5.2), which the SDK gives back as
    // null.
    GroupResource quiet =
        scim.modifyRequest("Groups", created.getId())
            .replaceValue("displayName", created.getDisplayName() + " (KS4)")
            .invoke(GroupResource.class);
    assertThat(quiet).isNull();
    GroupResource patched =
        scim.modifyRequest("Groups", created.getId())
            .addValues("members", new Member().setValue(b))
            .removeValues("members[value eq \"" + a + "\"]")
            .attributes("id", "displayName", "members")
            .invoke(GroupResource.class);
    assertThat(patched.getMembers()).extracting(Member::getValue).containsExactly(b);

    GenericScimResource generic =
        scim.retrieve("Groups", created.getId(), GenericScimResource.class);
    assertThat(generic.getStringValue("displayName"))
        .isEqualTo(created.getDisplayName() + " (KS4)");
    ListResponse<GroupResource> membership =
        scim.searchRequest("Groups")
            .filter(Filter.and(Filter.eq("id", created.getId()), Filter.eq("members.value", b)))
            .excludedAttributes("members")
            .invoke(GroupResource.class);
    assertThat(membership.getTotalResults()).isEqualTo(1);
    assertThat(membership.getResources().get(0).getMembers()).isNull();
    scim.delete("Groups", created.getId());
    assertThatThrownBy(() -> scim.retrieve("Groups", created.getId(), GroupResource.class))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  /**
   * The SDK's typed ServiceProviderConfig predates RFC 9865 and refuses its {@code pagination}
   * attribute (see docs/identity-providers.md, "Independent client"); read generically it is
   * complete.
   */
  @Test
  void serviceProviderConfigIsReadable() throws ScimException {
    assertThatThrownBy(() -> scim.getServiceProviderConfig())
        .rootCause()
        .hasMessage(
            "Core attribute pagination is undefined for schema urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    GenericScimResource config =
        scim.retrieveRequest(
                java.net.URI.create(server.baseUrl() + "/scim/v2/ServiceProviderConfig"))
            .invoke(GenericScimResource.class);
    assertThat(config.getBooleanValue("patch.supported")).isTrue();
    assertThat(config.getBooleanValue("filter.supported")).isTrue();
    assertThat(config.getBooleanValue("pagination.cursor")).isTrue();
  }
}
