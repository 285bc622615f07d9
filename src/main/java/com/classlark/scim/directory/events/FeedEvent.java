package com.classlark.scim.directory.events;

/** An event read from the feed with its position, the cursor a consumer resumes after. */
public record FeedEvent(FeedPosition position, ChangeEvent event) {}
