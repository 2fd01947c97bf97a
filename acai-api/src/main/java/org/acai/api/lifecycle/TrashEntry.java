package org.acai.api.lifecycle;

/**
 * One delete waiting in the trash.
 *
 * @param id the entry's id, which {@code restore} takes
 * @param kind {@code file}, {@code fileset} or {@code job}
 * @param target what was deleted, as named in the request
 * @param items how many entities it hid
 * @param deletedBy the user who deleted them
 * @param deleted when, Unix ms
 * @param purgeAfter when the retention period ends, Unix ms; entities still pinned then stay
 */
public record TrashEntry(
    long id,
    String kind,
    String target,
    int items,
    long deletedBy,
    long deleted,
    long purgeAfter) {}
