package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * A unified highlighter that reads each hit's stored fields once: while it loads the text to highlight, it also
 * keeps the small fields the hit list shows, so building the hits does not decompress the same stored document a
 * second time (stored-field decompression was the largest CPU cost of a search in the benchmark's profile).
 */
final class HitHighlighter extends UnifiedHighlighter {

    private final Set<String> fields;
    private final Map<Integer, Document> loaded = new HashMap<>();
    private final FieldInfos fieldInfos;

    /**
     * @param builder   the highlighter settings
     * @param hitFields the stored fields to keep for each highlighted document, besides the highlighted ones
     * @param fieldInfos the fields of the searched index view, merged once per view (Lucene's highlighter merges
     *                   them from every segment on each request)
     */
    HitHighlighter(Builder builder, Set<String> hitFields, FieldInfos fieldInfos) {
        super(builder);
        this.fields = hitFields;
        this.fieldInfos = fieldInfos;
    }

    @Override
    protected FieldInfo getFieldInfo(String field) {
        return fieldInfos.fieldInfo(field);
    }

    /** The stored fields read while highlighting document {@code docId} (top-level id), or null. */
    Document loaded(int docId) {
        return loaded.get(docId);
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(String[] highlighted, DocIdSetIterator docIter,
                                                   int cacheCharsThreshold) throws IOException {
        Set<String> wanted = new HashSet<>(fields);
        wanted.addAll(List.of(highlighted));
        List<CharSequence[]> out = new ArrayList<>();
        int sumChars = 0;
        var stored = getIndexSearcher().storedFields();
        do {
            int docId = docIter.nextDoc();
            if (docId == DocIdSetIterator.NO_MORE_DOCS) {
                break;
            }
            DocumentStoredFieldVisitor visitor = new DocumentStoredFieldVisitor(wanted);
            stored.document(docId, visitor);
            Document doc = visitor.getDocument();
            loaded.put(docId, doc);
            CharSequence[] values = new CharSequence[highlighted.length];
            for (int i = 0; i < highlighted.length; i++) {
                String[] all = doc.getValues(highlighted[i]);
                String v = all.length == 0 ? null : all.length == 1 ? all[0]
                        : String.join(String.valueOf(MULTIVAL_SEP_CHAR), all);
                if (v != null && v.length() > getMaxLength()) {
                    v = v.substring(0, getMaxLength());
                }
                values[i] = v;
                sumChars += v == null ? 0 : v.length();
            }
            out.add(values);
        } while (sumChars <= cacheCharsThreshold && cacheCharsThreshold != 0);
        return out;
    }
}
