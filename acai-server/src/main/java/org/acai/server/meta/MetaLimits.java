package org.acai.server.meta;

import java.time.Duration;

/** The documented limits of the metadata store; requests beyond them are refused with 4xx. */
public final class MetaLimits {
  /** Largest metadata document, as compact UTF-8 JSON (413 beyond). */
  public static final int MAX_DOC_BYTES = 64 * 1024;

  /** Longest metadata key, in characters. */
  public static final int MAX_KEY_LENGTH = 128;

  /** Longest regular expression in a query, in characters. */
  public static final int MAX_PATTERN_LENGTH = 256;

  /** Most conditions in one query. */
  public static final int MAX_CONDITIONS = 32;

  /** Most {@code max}/{@code min} conditions in one query. */
  public static final int MAX_EXTREMES = 4;

  /** Most ids in one {@code get}. */
  public static final int MAX_GET_IDS = 10_000;

  /** Page size of a query that names none. */
  public static final int DEFAULT_LIMIT = 1000;

  /** Largest page size. */
  public static final int MAX_LIMIT = 10_000;

  /** Longest a query may run before PostgreSQL cancels it (503). */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  private MetaLimits() {}
}
