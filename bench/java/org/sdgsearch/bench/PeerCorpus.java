package org.sdgsearch.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.sdgsearch.classify.Evidence;
import org.sdgsearch.classify.SdgProfile;
import org.sdgsearch.classify.SdgScore;
import org.sdgsearch.index.IndexedDocument;

/**
 * Reads the documents of peer-bench's {@code docs.jsonl} (the corpus the Solr comparison indexes), so that SDG Search
 * indexes exactly the same documents: same text, title, partnership, language, type, year, country and SDGs. Values
 * are kept as peer-bench writes them (type html/pdf/docx) because its query file filters on them.
 */
final class PeerCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerCorpus() {
    }

    /** One JSONL line as the document we index. */
    static IndexedDocument document(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            String peerId = n.path("id").asText();
            List<Integer> sdgs = new ArrayList<>();
            n.path("sdgs").forEach(s -> sdgs.add(s.asInt()));
            sdgs.sort(null);
            List<SdgScore> scores = new ArrayList<>();
            for (int g = 1; g <= 17; g++) {
                int rank = sdgs.indexOf(g);
                scores.add(new SdgScore(g, rank < 0 ? 0.02 : 0.9 - 0.1 * rank, rank < 0 ? 0 : 1));
            }
            List<Evidence> evidence = sdgs.stream()
                    .map(g -> new Evidence(g, List.of(new Evidence.Passage(n.path("title").asText(), null, 0.8)),
                            List.of()))
                    .toList();
            int year = n.path("year").asInt(2020);
            Instant published = Instant.parse(year + "-06-01T00:00:00Z");
            String country = n.path("country").asText("");
            return new IndexedDocument(id(peerId), List.of(n.path("url").asText()),
                    List.of(n.path("partnership").asText()), country.isEmpty() ? List.of() : List.of(country),
                    List.of(), n.path("title").asText(), "", n.path("text").asText(), n.path("lang").asText("en"),
                    n.path("type").asText("html"), "text/html", published, null, published, published, null,
                    List.of(), new SdgProfile(scores, sdgs, evidence, null));
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a peer-bench document: " + line.substring(0, Math.min(80,
                    line.length())), e);
        }
    }

    /** Our ids are 32 hex characters (a content hash); the peer id is hashed the same way. */
    private static String id(String peerId) throws NoSuchAlgorithmException {
        byte[] h = MessageDigest.getInstance("MD5").digest(peerId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h);
    }
}
