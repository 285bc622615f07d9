package com.classlark.scim.store;

import com.classlark.scim.directory.StoredDocument;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The columns every resource table shares ({@code staff}, {@code staff_groups}) and how a row of
 * them becomes a {@link StoredResource}: the stored JSON document, the meta timestamps as epoch
 * milliseconds, the version and the SCIM lock.
 */
final class ResourceRows {
  /** The shared columns, unqualified, in the order {@link #MAPPER} reads them by name. */
  static final String COLUMNS = "id, document, created_at, last_modified, version, scim_managed";

  static final RowMapper<StoredResource> MAPPER =
      (rs, ctx) ->
          new StoredResource(
              rs.getString("id"),
              parse(rs.getString("document")),
              Instant.ofEpochMilli(rs.getLong("created_at")),
              Instant.ofEpochMilli(rs.getLong("last_modified")),
              rs.getLong("version"),
              rs.getBoolean("scim_managed"));

  private ResourceRows() {}

  /**
   * The current row of a query that selects {@link #COLUMNS} first, with its document as the stored
   * text; read by position, in {@link #COLUMNS}' order.
   */
  static StoredDocument document(ResultSet row) throws SQLException {
    return new StoredDocument(
        row.getString(1),
        row.getString(2),
        Instant.ofEpochMilli(row.getLong(3)),
        Instant.ofEpochMilli(row.getLong(4)),
        row.getLong(5),
        row.getBoolean(6));
  }

  /** {@link #COLUMNS} qualified with a table alias, e.g. {@code s.id, s.document, …}. */
  static String columns(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  static ObjectNode parse(String document) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored document is not JSON", e);
    }
  }

  static String serialise(ObjectNode document) {
    try {
      return Json.MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise document", e);
    }
  }
}
