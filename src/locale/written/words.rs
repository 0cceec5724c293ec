//! The words around a number that [`super::Conventions`] reads, by
//! language: words of approximation before it ("about", "rund", "près de",
//! "حوالي") and percent words after it. CLDR has neither.

/// Words of approximation by language (CLDR has none): a number after one
/// of them is read as rounded. Every language also has `~`, `≈`, `ca.`
/// and its layout's word for "approximately" (`approx.`, `env.`).
pub(super) const APPROXIMATION: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "about",
            "around",
            "approximately",
            "approx.",
            "roughly",
            "nearly",
            "almost",
            "some",
            "circa",
            "close to",
            "an estimated",
            "estimated",
        ],
    ),
    (
        "de",
        &[
            "rund",
            "rd.",
            "etwa",
            "circa",
            "zirka",
            "ungefähr",
            "knapp",
            "fast",
            "beinahe",
            "nahezu",
            "annähernd",
            "schätzungsweise",
            "gut",
            "um die",
        ],
    ),
    (
        "fr",
        &[
            "environ",
            "env.",
            "près de",
            "presque",
            "quelque",
            "quasiment",
            "approximativement",
            "autour de",
            "aux alentours de",
            "de l'ordre de",
            "de l’ordre de",
            "plus ou moins",
        ],
    ),
    (
        "ar",
        &[
            "حوالي",
            "حوالى",
            "نحو",
            "قرابة",
            "زهاء",
            "تقريبا",
            "تقريبًا",
            "ما يقارب",
            "يقارب",
            "ما يقرب من",
            "ما يناهز",
            "يناهز",
        ],
    ),
    (
        "es",
        &[
            "aproximadamente",
            "alrededor de",
            "cerca de",
            "casi",
            "unos",
            "unas",
            "en torno a",
        ],
    ),
    ("it", &["circa", "quasi", "intorno a", "all'incirca"]),
];

/// Words after a number that make it a percentage, besides `%` and `٪`.
pub(super) const PERCENT_WORDS: &[&str] = &[
    "percent",
    "per cent",
    "prozent",
    "pour cent",
    "por ciento",
    "per cento",
    "في المائة",
    "في المئة",
    "بالمائة",
    "بالمئة",
];

/// Words that number an article or paragraph of a law or treaty, in any
/// language a text may cite one in (`§ 23`, `Art. 16a`, `Article 13`,
/// `Absatz 2`, `المادة 13`): the number after one is a label, not a
/// quantity. In lower case.
pub(super) const LEGAL_WORDS: &[&str] = &[
    "§",
    "§§",
    "art.",
    "arts.",
    "article",
    "articles",
    "artikel",
    "abs.",
    "absatz",
    "para.",
    "paragraph",
    "paragraphe",
    "alinéa",
    "nr.",
    "no.",
    "n°",
    "المادة",
    "مادة",
    "الفقرة",
];

/// Arabic letters written joined to the word after them (`و` and, `ب`
/// with, `ل` for, `ك` as, `ف` then): a number after one, `و٩٤٤`, stands
/// on its own.
pub(super) const ARABIC_PREFIXES: &[char] = &['و', 'ب', 'ل', 'ك', 'ف'];
