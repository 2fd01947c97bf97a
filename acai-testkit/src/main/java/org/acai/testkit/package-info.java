/** JUnit 5 fixtures for ACAI: a real server, shared PostgreSQL, S3, contract suites. */
package org.acai.testkit;
