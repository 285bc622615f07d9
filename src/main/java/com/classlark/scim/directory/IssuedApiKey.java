package com.classlark.scim.directory;

/**
 * A freshly issued API key: the only moment its secret exists outside the caller.
 *
 * @param secret the value to send as {@code Authorization: Bearer}
 */
public record IssuedApiKey(ApiKey key, String secret) {}
