/**
 * Runs job commands in containers of the job's image, on a Docker Engine API (Docker, or Podman's
 * {@code podman system service}) through docker-java.
 */
package org.acai.server.job.exec.container;
