package org.acai.api.lifecycle;

/**
 * A request to bring a trash entry back.
 *
 * @param trashId the entry's id, as listed by {@code list_trash}
 */
public record RestoreRequest(long trashId) {}
