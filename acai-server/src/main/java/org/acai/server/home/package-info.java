/**
 * The server's data directory and the file modes that keep it private to the server's user:
 * directories 0700, files 0600 (0400 once immutable).
 */
package org.acai.server.home;
