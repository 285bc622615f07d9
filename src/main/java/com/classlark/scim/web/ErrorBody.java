package com.classlark.scim.web;

/** An error response as an adapter renders it: its media type and its bytes. */
public record ErrorBody(String contentType, byte[] body) {}
