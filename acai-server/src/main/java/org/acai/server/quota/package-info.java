/** Per-project quotas: bytes, file versions and jobs not yet ended, set by the global admin. */
package org.acai.server.quota;
