/** Wire records of the data lifecycle: deletes, the trash, restores, garbage collection. */
package org.acai.api.lifecycle;
