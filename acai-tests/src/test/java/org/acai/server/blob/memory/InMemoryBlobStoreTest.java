package org.acai.server.blob.memory;

import java.util.OptionalLong;
import org.acai.server.blob.BlobStore;
import org.acai.testkit.blob.BlobStoreContract;

class InMemoryBlobStoreTest extends BlobStoreContract {
  private final InMemoryBlobStore store = new InMemoryBlobStore();

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected OptionalLong storedBlobCount() {
    return OptionalLong.of(store.blobCount());
  }
}
