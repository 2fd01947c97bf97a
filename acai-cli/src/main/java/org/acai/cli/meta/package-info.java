/** Metadata commands, mounted under {@code file}, {@code fileset} and {@code job}. */
package org.acai.cli.meta;
