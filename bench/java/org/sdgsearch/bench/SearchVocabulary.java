package org.sdgsearch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The words of the generated search corpus: per language a few function words at the head of the frequency curve,
 * a hand-written list of development and SDG words (English per goal, a shorter general list for the other
 * languages), and tens of thousands of synthetic words with Zipfian frequencies. Nothing here is copied from a
 * real text; the synthetic words are built from syllables with a fixed seed, so every run makes the same corpus.
 */
final class SearchVocabulary {

    /** English subject words per goal (index 0 = SDG 1); entries with a space are emitted as a phrase. */
    static final String[][] EN_SDG = {
        {"poverty", "extreme poverty", "social protection", "cash transfers", "income", "vulnerable households",
            "safety nets", "livelihoods", "microfinance", "poor", "basic services", "resilience"},
        {"hunger", "food security", "nutrition", "malnutrition", "stunting", "smallholder farmers", "agriculture",
            "crop yields", "school meals", "famine", "sustainable agriculture", "seeds"},
        {"health", "maternal mortality", "child mortality", "vaccines", "immunization", "malaria", "tuberculosis",
            "hiv", "universal health coverage", "clinics", "primary health care", "disease", "hospitals", "nurses"},
        {"education", "schools", "teachers", "learning", "literacy", "primary education", "secondary education",
            "girls education", "classrooms", "curriculum", "students", "early childhood", "scholarships"},
        {"gender equality", "women", "girls", "gender", "violence against women", "empowerment", "child marriage",
            "female genital mutilation", "women leadership", "unpaid care work", "equal pay"},
        {"water", "sanitation", "drinking water", "safe water", "hygiene", "handwashing", "latrines", "toilets",
            "wastewater", "water resources", "water scarcity", "boreholes", "utilities"},
        {"energy", "renewable energy", "electricity", "solar", "mini-grids", "clean cooking", "energy efficiency",
            "energy access", "wind power", "off-grid", "fuel"},
        {"employment", "decent work", "economic growth", "jobs", "youth employment", "labour", "child labour",
            "productivity", "small enterprises", "wages", "informal sector"},
        {"infrastructure", "innovation", "industry", "roads", "broadband", "research", "manufacturing",
            "technology", "internet access", "industrialization"},
        {"inequality", "inclusion", "migration", "remittances", "discrimination", "income inequality",
            "persons with disabilities", "social inclusion"},
        {"cities", "urban", "housing", "slums", "public transport", "urban planning", "disaster risk",
            "air quality", "public spaces", "municipal"},
        {"consumption", "production", "waste", "recycling", "food waste", "circular economy", "chemicals",
            "sustainable procurement", "plastics"},
        {"climate", "climate change", "adaptation", "mitigation", "emissions", "greenhouse gas", "carbon",
            "climate finance", "resilience", "global warming", "paris agreement", "early warning"},
        {"oceans", "marine", "fisheries", "coastal", "coral reefs", "overfishing", "marine pollution",
            "marine protected areas", "ocean acidification", "blue economy"},
        {"forests", "biodiversity", "deforestation", "land degradation", "ecosystems", "wildlife", "desertification",
            "species", "restoration", "protected areas", "poaching"},
        {"peace", "justice", "institutions", "corruption", "rule of law", "violence", "conflict", "birth registration",
            "transparency", "access to justice", "human rights"},
        {"partnerships", "development finance", "capacity building", "official development assistance",
            "data", "statistics", "trade", "technology transfer", "debt", "multi-stakeholder partnerships"},
    };

    /** English words of any development report. */
    static final String[] EN_GENERAL = {"development", "sustainable", "programme", "project", "report", "policy",
        "countries", "national", "government", "community", "communities", "support", "implementation", "access",
        "local", "rural", "services", "strategy", "monitoring", "evaluation", "funding", "investment", "global",
        "regional", "progress", "targets", "indicators", "stakeholders", "civil society", "private sector",
        "capacity", "framework", "action plan", "results", "impact", "annual report", "case study", "guidelines",
        "toolkit", "lessons learned", "best practices", "africa", "asia", "latin america", "kenya", "india",
        "bangladesh", "nigeria", "peru", "senegal", "ethiopia", "indonesia", "brazil", "uganda"};

    static final String[] EN_FUNCTION = {"the", "of", "and", "to", "in", "a", "is", "for", "that", "on", "with",
        "as", "by", "are", "this", "be", "from", "at", "or", "an", "was", "which", "it", "their", "have", "has",
        "been", "more", "its", "will", "can", "not", "all", "also", "these", "other", "such", "between", "through",
        "into", "while", "where", "most", "many", "who", "they", "we", "our", "than", "new"};

    static final Map<String, String[]> FUNCTION = Map.of(
        "en", EN_FUNCTION,
        "fr", new String[] {"de", "la", "le", "et", "les", "des", "en", "du", "un", "une", "pour", "dans", "sur",
            "par", "au", "est", "qui", "que", "plus", "avec", "aux", "ce", "sont", "leur", "ou", "pas"},
        "es", new String[] {"de", "la", "el", "en", "y", "los", "las", "del", "para", "con", "por", "una", "un",
            "que", "se", "su", "al", "es", "como", "más", "sus", "entre", "sobre", "o"},
        "pt", new String[] {"de", "a", "o", "e", "do", "da", "em", "para", "os", "as", "com", "um", "uma", "que",
            "no", "na", "por", "dos", "das", "mais"},
        "de", new String[] {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf",
            "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch"},
        "ru", new String[] {"и", "в", "на", "с", "по", "для", "не", "что", "из", "к", "о", "от", "как", "а",
            "это", "их", "также", "при", "до"},
        "ar", new String[] {"في", "من", "على", "إلى", "و", "أن", "عن", "مع", "التي", "الذي", "هذا", "هذه", "بين",
            "كما", "قد", "أو"},
        "zh", new String[] {"的", "和", "在", "是", "了", "与", "对", "及", "等", "为"});

    /** Development words of the other languages (no per-goal split: these corpora are smaller). */
    static final Map<String, String[]> DOMAIN = Map.of(
        "fr", new String[] {"eau potable", "assainissement", "éducation", "santé", "pauvreté", "énergie solaire",
            "changement climatique", "égalité des sexes", "sécurité alimentaire", "nutrition", "écoles",
            "développement durable", "partenariat", "forêts", "biodiversité", "emploi", "villes", "femmes",
            "enfants", "agriculture", "paix", "justice", "rapport annuel", "financement", "afrique", "sénégal"},
        "es", new String[] {"agua potable", "saneamiento", "educación", "salud", "pobreza", "energía renovable",
            "cambio climático", "igualdad de género", "seguridad alimentaria", "desnutrición", "escuelas",
            "desarrollo sostenible", "alianza", "bosques", "biodiversidad", "empleo", "ciudades", "mujeres",
            "niños", "agricultura", "paz", "justicia", "informe anual", "financiamiento", "perú", "colombia"},
        "pt", new String[] {"água", "saneamento", "educação", "saúde", "pobreza", "energia", "mudança climática",
            "igualdade de gênero", "segurança alimentar", "escolas", "desenvolvimento sustentável", "florestas",
            "emprego", "mulheres", "brasil", "moçambique"},
        "de", new String[] {"wasser", "bildung", "gesundheit", "armut", "energie", "klimawandel", "gleichstellung",
            "ernährung", "schulen", "nachhaltige entwicklung", "wälder", "beschäftigung", "städte", "frauen"},
        "ru", new String[] {"вода", "санитария", "образование", "здравоохранение", "бедность", "энергетика",
            "изменение климата", "гендерное равенство", "продовольственная безопасность", "школы",
            "устойчивое развитие", "леса", "занятость", "города", "женщины", "партнерство"},
        "ar", new String[] {"المياه", "الصرف الصحي", "التعليم", "الصحة", "الفقر", "الطاقة", "تغير المناخ",
            "المساواة بين الجنسين", "الأمن الغذائي", "المدارس", "التنمية المستدامة", "الغابات", "العمالة",
            "المدن", "المرأة", "الشراكة"},
        "zh", new String[] {"水", "卫生", "教育", "健康", "贫困", "能源", "气候变化", "性别平等", "粮食安全",
            "学校", "可持续发展", "森林", "就业", "城市", "妇女", "伙伴关系"});

    /** Latin, Cyrillic and Arabic syllables; Chinese words are one to three characters of the CJK block. */
    private static final String[] LATIN = ("ba be bi bo bu ca ce ci co da de di do du fa fe fi ga ge go gu ha he "
            + "hi ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si "
            + "so su ta te ti to tu va ve vi vo wa we ya za zi an en in on ar er or ur al el il ol ang ent ion ist "
            + "ter ver tra pro con dis ment tion ble gra pla stra").split(" ");
    private static final String[] CYRILLIC = ("ба бе би бо бу ва ве ви во да де ди до ка ке ки ко ла ле ли ло ма ме "
            + "ми мо на не ни но па пе пи по ра ре ри ро са се си со та те ти то ст пр ов ен ан ор ия ние ость ова")
            .split(" ");
    private static final String[] ARABIC = ("با بي تا تي جا دا را ري سا سي عا فا قا كا لا لي ما مي نا ني ها وا يا "
            + "ال ات ون ين ية").split(" ");

    final String lang;
    final String[] function;
    final String[] domain;
    final String[] synthetic;
    private final double[] syntheticCdf;
    private final double[] functionCdf;

    SearchVocabulary(String lang, int size, long seed) {
        this.lang = lang;
        this.function = FUNCTION.get(lang);
        this.domain = lang.equals("en") ? english() : DOMAIN.get(lang);
        this.synthetic = synthetic(lang, size, new SplittableRandom(seed ^ lang.hashCode()));
        this.syntheticCdf = zipfCdf(synthetic.length, 1.05);
        this.functionCdf = zipfCdf(function.length, 0.9);
    }

    private static String[] english() {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(EN_GENERAL));
        for (String[] g : EN_SDG) {
            all.addAll(Arrays.asList(g));
        }
        return all.toArray(String[]::new);
    }

    private static String[] synthetic(String lang, int size, SplittableRandom r) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < size) {
            StringBuilder w = new StringBuilder();
            if (lang.equals("zh")) {
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    w.appendCodePoint(0x4E00 + r.nextInt(3000));
                }
            } else {
                String[] syl = lang.equals("ru") ? CYRILLIC : lang.equals("ar") ? ARABIC : LATIN;
                // Short words are frequent, long ones rare, as in real text; a per-language letter keeps the
                // Latin-script languages' vocabularies apart.
                int n = 1 + r.nextInt(2) + (r.nextInt(3) == 0 ? r.nextInt(3) : 0);
                for (int i = 0; i < n; i++) {
                    w.append(syl[r.nextInt(syl.length)]);
                }
                if (!lang.equals("ru") && !lang.equals("ar") && !lang.equals("en")) {
                    w.append(lang.charAt(0));
                }
            }
            words.add(w.toString());
        }
        return words.toArray(String[]::new);
    }

    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    static int sample(double[] cdf, SplittableRandom r) {
        int i = Arrays.binarySearch(cdf, r.nextDouble());
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    String syntheticWord(SplittableRandom r) {
        return synthetic[sample(syntheticCdf, r)];
    }

    /** The synthetic word of this frequency rank (0 = most frequent). */
    String syntheticRank(int rank) {
        return synthetic[Math.min(rank, synthetic.length - 1)];
    }

    String functionWord(SplittableRandom r) {
        return function[sample(functionCdf, r)];
    }

    /** A subject word: from the document's goals in English, from the general list otherwise. */
    String subjectWord(SplittableRandom r, List<Integer> sdgs) {
        if (lang.equals("en") && !sdgs.isEmpty() && r.nextInt(4) != 0) {
            String[] g = EN_SDG[sdgs.get(r.nextInt(sdgs.size())) - 1];
            return g[r.nextInt(g.length)];
        }
        if (lang.equals("en")) {
            return EN_GENERAL[r.nextInt(EN_GENERAL.length)];
        }
        return domain[r.nextInt(domain.length)];
    }

    /** All the hand-written words of this language, for queries. */
    List<String> subjectWords() {
        return new ArrayList<>(Arrays.asList(domain));
    }
}
