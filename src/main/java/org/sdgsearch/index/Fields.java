package org.sdgsearch.index;

/**
 * Field names of the document index, in one place as in Lucene's demo. The meaning, type and storage of each field
 * is declared (with the reason for each choice) in index-schema/schema.yaml; {@link IndexSchema} checks at start-up
 * that the file declares every field used here with the type the code expects.
 */
public final class Fields {

    public static final String ID = "id";
    public static final String URL = "url";
    public static final String PARTNERSHIP = "partnership";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String TEXT = "text";
    public static final String LANGUAGE = "language";
    public static final String TYPE = "type";
    public static final String MEDIA_TYPE = "media-type";
    public static final String COUNTRY = "country";
    public static final String STAKEHOLDER = "stakeholder";
    public static final String SDG = "sdg";
    public static final String SDG_SCORE = "sdg-score";
    public static final String SDG_PROFILE = "sdg-profile";
    public static final String YEAR = "year";
    public static final String PUBLISHED = "published";
    public static final String MODIFIED = "modified";
    public static final String FETCHED = "fetched";
    public static final String CHANGED = "changed";
    public static final String AUTHOR = "author";
    public static final String PAGES = "pages";
    public static final String PAGE_TEXTS = "page-texts";
    public static final String SUGGEST = "suggest";

    private Fields() {
    }

    /** The doc-values field a facet dimension is counted in: one per dimension, not Lucene's shared field. */
    public static String facet(String dimension) {
        return "$facets." + dimension;
    }

    /**
     * The stemmed sub-field of an analysed field, e.g. {@code text.stem}: every document's text analysed with the
     * analyzer of its own language (one dense field, not one sparse field per language).
     */
    public static String stem(String field) {
        return field + ".stem";
    }

    /** The doc-values field holding the score of one SDG. */
    public static String sdgScore(int sdg) {
        return SDG_SCORE + "-" + sdg;
    }
}
