package org.sdgsearch.index;

import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzers of the index, built from the schema: a language-neutral analyzer for the main fields and one
 * language analyzer per configured language for the per-language sub-fields.
 */
public final class Analyzers {

    private Analyzers() {
    }

    /** Standard tokenizer, lower case, ASCII folding: finds "eau" in "Eau" and "developpement" in "développement". */
    public static Analyzer neutral() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                return new TokenStreamComponents(source, result);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** The analyzer for a named language analyzer of the schema. */
    public static Analyzer forName(String name) {
        return switch (name) {
            case "english" -> new EnglishAnalyzer();
            case "french" -> new FrenchAnalyzer();
            case "spanish" -> new SpanishAnalyzer();
            case "arabic" -> new ArabicAnalyzer();
            case "smartcn" -> new SmartChineseAnalyzer();
            case "russian" -> new RussianAnalyzer();
            case "standard" -> new StandardAnalyzer();
            default -> throw new IllegalArgumentException("Unknown analyzer " + name);
        };
    }

    /**
     * One analyzer for the whole index: keyword fields are not analysed, text fields use the neutral analyzer, and
     * their per-language sub-fields use that language's analyzer.
     */
    public static Analyzer perField(IndexSchema schema) {
        Map<String, Analyzer> perField = new HashMap<>();
        Analyzer neutral = neutral();
        for (IndexSchema.FieldDef def : schema.fields().values()) {
            if (def.type() == IndexSchema.Type.TEXT) {
                perField.put(def.name(), neutral);
                if ("per-language".equals(def.analyzer())) {
                    schema.languages().forEach((lang, analyzer) ->
                            perField.put(Fields.lang(def.name(), lang), forName(analyzer)));
                }
            }
        }
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }
}
