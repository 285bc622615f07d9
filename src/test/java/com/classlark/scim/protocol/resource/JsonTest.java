package com.classlark.scim.protocol.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"userName\": }|the request body is not valid JSON at line 1, column 14",
        "{\"a\": 1, \"a\": 2}|the request body is not valid JSON at line 1, column 13",
        "''|the request body is empty; expected a JSON object"
      })
  void unreadableBodiesAreSyntaxErrors(String body, String detail) {
    assertThatThrownBy(() -> Json.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.INVALID_SYNTAX);
              assertThat(error.detail()).isEqualTo(detail);
            });
  }

  @Test
  void decimalsKeepTheirExactValue() {
    var node = Json.parse("{\"fee\": 12.50}".getBytes(StandardCharsets.UTF_8));
    assertThat(node.get("fee").decimalValue()).isEqualTo(new BigDecimal("12.50"));
  }
}
