package org.sdgsearch.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Values built once per segment and facet dimension and dropped when the segment closes, as Lucene's own per-segment
 * caches are: a segment never changes, so what is derived from it stays valid for its whole life (deletions are not
 * part of it; the hits a cached value is combined with exclude deleted documents).
 *
 * @param <V> what is kept per segment and dimension
 */
final class PerSegment<V> {

    /** Builds the value of one segment and dimension. */
    interface Builder<V> {
        V build(LeafReaderContext leaf, String dim) throws IOException;
    }

    private record Key(Object segment, String dim) {
    }

    private final Map<Key, V> cache = new ConcurrentHashMap<>();
    private final Map<Object, Boolean> listening = new ConcurrentHashMap<>();
    private final Builder<V> builder;

    PerSegment(Builder<V> builder) {
        this.builder = builder;
    }

    /** The value of {@code dim} in this segment, built on first use, or null when the segment cannot be cached. */
    V get(LeafReaderContext leaf, String dim) throws IOException {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return null;
        }
        Object segment = helper.getKey();
        if (listening.putIfAbsent(segment, Boolean.TRUE) == null) {
            helper.addClosedListener(closed -> {
                listening.remove(closed);
                cache.keySet().removeIf(k -> k.segment() == closed);
            });
        }
        Key key = new Key(segment, dim);
        V v = cache.get(key);
        if (v == null) {
            v = builder.build(leaf, dim);
            cache.put(key, v);
        }
        return v;
    }
}
