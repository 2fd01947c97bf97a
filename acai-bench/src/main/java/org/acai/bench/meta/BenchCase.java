package org.acai.bench.meta;

import java.util.List;
import java.util.function.IntFunction;
import org.acai.api.meta.Condition;

/**
 * One measured query at one data size.
 *
 * @param name what the row of the table says
 * @param conditions the store's conditions of iteration {@code k} (iterations vary the values)
 * @param raw the same query as SQL written by hand over the same tables and indexes
 * @param jsonbOnly the same query as SQL over the documents alone, without the numbers table; null
 *     where that is the hand-written query already
 */
record BenchCase(String name, IntFunction<List<Condition>> conditions, Sql raw, Sql jsonbOnly) {}
