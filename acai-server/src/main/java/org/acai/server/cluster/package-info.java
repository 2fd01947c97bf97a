/**
 * Several server replicas on one database: each replica's identity and lease (a heartbeat row), and
 * work that only one replica at a time may do.
 */
package org.acai.server.cluster;
