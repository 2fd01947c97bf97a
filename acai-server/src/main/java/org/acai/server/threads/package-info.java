/** Threads of the server's background work. */
package org.acai.server.threads;
