/**
 * The blob store port: content-addressed, immutable byte storage with a staging step, its optional
 * abilities ({@code Supports*}), its config and the factory {@link
 * org.acai.server.blob.BlobStores}. Implementations live in {@code local}, {@code s3} and {@code
 * memory}.
 */
package org.acai.server.blob;
