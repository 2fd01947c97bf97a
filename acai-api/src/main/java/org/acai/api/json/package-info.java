/** JSON conventions of the wire protocol. */
package org.acai.api.json;
