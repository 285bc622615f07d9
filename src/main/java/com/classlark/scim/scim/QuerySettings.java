package com.classlark.scim.scim;

import com.classlark.scim.protocol.filter.FilterLimits;

/**
 * Limits of queries, advertised in ServiceProviderConfig.
 *
 * @param defaultPageSize resources per page when the client gives no count
 * @param maxPageSize the largest page; a larger count is reduced to it
 */
public record QuerySettings(int defaultPageSize, int maxPageSize, FilterLimits filterLimits) {
  public static final QuerySettings DEFAULT = new QuerySettings(100, 1000, FilterLimits.DEFAULT);

  public QuerySettings {
    if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
      throw new IllegalArgumentException(
          "page sizes must satisfy 1 <= default ("
              + defaultPageSize
              + ") <= max ("
              + maxPageSize
              + ")");
    }
  }
}
