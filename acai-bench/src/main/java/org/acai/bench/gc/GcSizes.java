package org.acai.bench.gc;

/**
 * How much a run loads.
 *
 * @param versions file versions (each blob is shared by {@code versions / blobs} of them)
 * @param blobs distinct blobs, each really stored
 * @param dirFiles files of the directory that is deleted
 */
record GcSizes(int versions, int blobs, int dirFiles) {}
