package org.acai.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version of the running build. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"acai " + (version == null ? "development build" : version)};
  }
}
