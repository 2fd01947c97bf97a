/** Wire records of the credential service: projects, users, tokens. */
package org.acai.api.identity;
