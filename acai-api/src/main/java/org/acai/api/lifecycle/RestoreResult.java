package org.acai.api.lifecycle;

/**
 * What a restore brought back: the same entities, with their ids and metadata.
 *
 * @param trashId the entry restored (it is gone from the trash now)
 * @param kind {@code file}, {@code fileset} or {@code job}
 * @param target what had been deleted
 * @param items how many entities came back
 */
public record RestoreResult(long trashId, String kind, String target, int items) {}
