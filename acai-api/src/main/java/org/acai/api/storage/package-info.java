/** Wire records of the storage service: files, versions, upload sessions, file sets. */
package org.acai.api.storage;
