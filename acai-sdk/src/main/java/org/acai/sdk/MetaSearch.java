package org.acai.sdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.meta.MetaResponse;
import org.acai.sdk.internal.Transport;

/**
 * A metadata query with order and paging, beyond the original SDK: {@code
 * meta.search(MetaClient.FILE).where(Condition.of("model").value("cnn")).sort("-accuracy")
 * .pageSize(100).page()}. Immutable; each method returns a new search.
 */
public final class MetaSearch {
  /** Largest page the server answers. */
  public static final int MAX_PAGE_SIZE = 10_000;

  private final Transport transport;
  private final String entityType;
  private final List<Condition> conditions;
  private final String sort;
  private final Integer pageSize;
  private final String cursor;

  MetaSearch(Transport transport, String entityType) {
    this(transport, entityType, List.of(), null, null, null);
  }

  private MetaSearch(
      Transport transport,
      String entityType,
      List<Condition> conditions,
      String sort,
      Integer pageSize,
      String cursor) {
    this.transport = transport;
    this.entityType = entityType;
    this.conditions = List.copyOf(conditions);
    this.sort = sort;
    this.pageSize = pageSize;
    this.cursor = cursor;
  }

  /** This search with more conditions, AND-ed with those it has. */
  public MetaSearch where(Condition... more) {
    List<Condition> all = new ArrayList<>(conditions);
    all.addAll(Arrays.asList(more));
    return new MetaSearch(transport, entityType, all, sort, pageSize, cursor);
  }

  /**
   * This search ordered by {@code key} ascending, or descending as {@code -key}; entities without
   * the key come first ascending, last descending. Default: creation order.
   */
  public MetaSearch sort(String key) {
    return new MetaSearch(transport, entityType, conditions, key, pageSize, cursor);
  }

  /**
   * This search answering {@code size} documents per page (default 1000).
   *
   * @throws InvalidRequestException outside 1 to {@link #MAX_PAGE_SIZE}
   */
  public MetaSearch pageSize(int size) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("Invalid page size: %d (1 to %d)", size, MAX_PAGE_SIZE);
    }
    return new MetaSearch(transport, entityType, conditions, sort, size, cursor);
  }

  /** This search continuing after the page whose {@link MetaPage#nextCursor()} this is. */
  public MetaSearch after(String nextCursor) {
    return new MetaSearch(transport, entityType, conditions, sort, pageSize, nextCursor);
  }

  /** One page of results. */
  public MetaPage page() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entity_type", entityType);
    List<org.acai.api.meta.Condition> wire = new ArrayList<>();
    conditions.forEach(condition -> wire.add(condition.toWire()));
    body.put("conditions", wire);
    putIfSet(body, "sort", sort);
    putIfSet(body, "limit", pageSize);
    putIfSet(body, "cursor", cursor);
    MetaResponse response = transport.post("/meta/query_meta", body, MetaResponse.class);
    return new MetaPage(response.data(), response.nextCursor());
  }

  /** Every result, following the pages to the last. */
  public List<Map<String, Object>> all() {
    List<Map<String, Object>> docs = new ArrayList<>();
    MetaSearch search = this;
    while (true) {
      MetaPage page = search.page();
      docs.addAll(page.docs());
      if (!page.hasMore()) {
        return docs;
      }
      search = search.after(page.nextCursor());
    }
  }

  private static void putIfSet(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }
}
