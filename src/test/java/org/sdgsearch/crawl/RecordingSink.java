package org.sdgsearch.crawl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.source.Source;

/** A sink that remembers what it was given: the "index" (URL to document), and every call in order. */
class RecordingSink implements DocumentSink {

    final Map<String, ExtractedDocument> index = new ConcurrentHashMap<>();
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<String> removed = Collections.synchronizedList(new ArrayList<>());
    volatile Set<String> committed = Set.of();
    volatile int commits;

    @Override
    public void accept(Source source, ExtractedDocument document, FetchedResource fetched) {
        index.put(document.url(), document);
        accepted.add(document.url());
    }

    @Override
    public void remove(Source source, String url) {
        index.remove(url);
        removed.add(url);
    }

    @Override
    public synchronized void commit() {
        committed = Set.copyOf(index.keySet());
        commits++;
    }

    Set<String> urls() {
        return new TreeSet<>(index.keySet());
    }
}
