package org.acai.api.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a token may do. */
public enum Role {
  /** The global administrator: creates projects; not a member of any project. */
  ADMIN,
  /** A project's administrator: creates and manages the project's users. */
  PROJECT_ADMIN,
  /** An ordinary project member. */
  USER,
  /** A job's agent: acts inside one project for one job, with an expiring token. */
  JOB;

  /** Wire form, e.g. {@code project_admin}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form. */
  @JsonCreator
  public static Role fromWire(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
