package org.acai.bench.meta;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A hand-written SQL baseline: text with {@code ?} parameters, and the parameters of iteration
 * {@code k}.
 */
record Sql(String text, IntFunction<List<Object>> params) {}
