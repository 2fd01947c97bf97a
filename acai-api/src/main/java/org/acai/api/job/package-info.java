/** Job requests and the values they carry, such as Kubernetes resource quantities. */
package org.acai.api.job;
