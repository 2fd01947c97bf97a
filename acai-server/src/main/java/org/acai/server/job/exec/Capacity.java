package org.acai.server.job.exec;

/**
 * What an executor can run at once.
 *
 * @param cpuMillis total vCPUs in thousandths
 * @param memoryBytes total memory
 * @param gpus total GPUs
 */
public record Capacity(long cpuMillis, long memoryBytes, int gpus) {}
