package org.sdgsearch.index;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
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
 * language analyzer per configured language for the stemmed sub-fields.
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

    /**
     * The analyzer for a named language analyzer of the schema, ending with ASCII folding as the neutral analyzer
     * does: a stem is then found whether or not it was typed with its accents ("education" finds the French stem
     * of "éducation"), so words need not be searched in the neutral field as well.
     */
    public static Analyzer forName(String name) {
        Analyzer language = language(name);
        return new AnalyzerWrapper(language.getReuseStrategy()) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return language;
            }

            @Override
            protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
                return new TokenStreamComponents(components.getSource(),
                        new ASCIIFoldingFilter(components.getTokenStream()));
            }

            @Override
            protected TokenStream wrapTokenStreamForNormalization(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(in);
            }
        };
    }

    private static Analyzer language(String name) {
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
     * One analyzer for the whole index: keyword fields are not analysed and text fields use the neutral analyzer.
     * The stemmed sub-fields are analysed per document (see {@link #languages}), not by field name.
     */
    public static Analyzer perField(IndexSchema schema) {
        Map<String, Analyzer> perField = new HashMap<>();
        Analyzer neutral = neutral();
        for (IndexSchema.FieldDef def : schema.fields().values()) {
            if (def.type() == IndexSchema.Type.TEXT) {
                perField.put(def.name(), neutral);
            }
        }
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    /**
     * The index writer's analyzer: as {@link #perField}, and the stemmed sub-fields analysed with the language of the
     * document being written, which the writing thread names with {@link #documentLanguage}.
     */
    public static Analyzer writer(IndexSchema schema) {
        Map<String, Analyzer> perField = new HashMap<>();
        Analyzer neutral = neutral();
        Analyzer stemmed = new DocumentLanguageAnalyzer(languages(schema), neutral);
        for (IndexSchema.FieldDef def : schema.fields().values()) {
            if (def.type() == IndexSchema.Type.TEXT) {
                perField.put(def.name(), neutral);
                if ("per-language".equals(def.analyzer())) {
                    perField.put(Fields.stem(def.name()), stemmed);
                }
            }
        }
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    private static final ThreadLocal<String> DOCUMENT_LANGUAGE = new ThreadLocal<>();

    /**
     * Names the language of the document this thread is about to add (null clears it). Lucene analyses a document in
     * the thread that adds it, so a thread-local tells the stemmed fields which analyzer to use.
     */
    static void documentLanguage(String language) {
        if (language == null) {
            DOCUMENT_LANGUAGE.remove();
        } else {
            DOCUMENT_LANGUAGE.set(language);
        }
    }

    /** Delegates to the analyzer of the current document's language; token streams are cached per language. */
    private static final class DocumentLanguageAnalyzer extends DelegatingAnalyzerWrapper {
        private final Map<String, Analyzer> byLanguage;
        private final Analyzer fallback;

        DocumentLanguageAnalyzer(Map<String, Analyzer> byLanguage, Analyzer fallback) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.byLanguage = byLanguage;
            this.fallback = fallback;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            String language = DOCUMENT_LANGUAGE.get();
            return language == null ? fallback : byLanguage.getOrDefault(language, fallback);
        }
    }

    /** One analyzer per language of the schema, in declaration order. */
    public static Map<String, Analyzer> languages(IndexSchema schema) {
        Map<String, Analyzer> out = new LinkedHashMap<>();
        schema.languages().forEach((lang, analyzer) -> out.put(lang, forName(analyzer)));
        return out;
    }
}
