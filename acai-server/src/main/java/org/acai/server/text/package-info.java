/** Rules for the names and texts users give the server. */
package org.acai.server.text;
