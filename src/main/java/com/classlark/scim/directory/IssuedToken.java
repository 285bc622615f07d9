package com.classlark.scim.directory;

/**
 * A freshly issued token: the only moment the secret exists outside the client.
 *
 * @param secret the bearer token to hand to the identity provider
 */
public record IssuedToken(ApiToken token, String secret) {}
