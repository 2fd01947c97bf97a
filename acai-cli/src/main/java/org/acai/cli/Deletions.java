package org.acai.cli;

import java.time.Instant;
import org.acai.api.lifecycle.DeleteResult;

/** What every {@code rm} command says and asks: one wording for files, file sets and jobs. */
public final class Deletions {
  private Deletions() {}

  /**
   * Asks whether to delete {@code what}.
   *
   * @throws UserError unless the user answered yes (no terminal counts as no)
   */
  public static void confirm(String what) {
    if (!Confirmation.ask("Delete " + what + "?")) {
      throw new UserError("Cannot delete %s without confirmation: add --yes", what);
    }
  }

  /**
   * Where the deleted things went, e.g. {@code trash entry 3, restorable until … ('acai restore
   * 3')}.
   */
  public static String receipt(DeleteResult deleted) {
    return String.format(
        "trash entry %d, restorable until %s ('acai restore %d')",
        deleted.trashId(), Instant.ofEpochMilli(deleted.restorableUntil()), deleted.trashId());
  }
}
