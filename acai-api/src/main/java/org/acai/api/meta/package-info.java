/** Wire records of the metadata service: conditions and documents. */
package org.acai.api.meta;
