//! Tests of the direction rules: islands, ranges, citations, addresses.

use super::*;

const L: char = LTR_ISOLATE;
const P: char = POP_ISOLATE;

#[test]
fn latin_runs_in_right_to_left_text_become_islands() {
    let isolated =
        isolate_latin_runs("وفقاً للمادة (§ 75 AufenthG). وقدم BAMF 2014 تقريراً، COVID-19 و EU.");
    assert_eq!(
        isolated,
        format!("وفقاً للمادة {L}(§ 75 AufenthG){P}. وقدم {L}BAMF 2014{P} تقريراً، {L}COVID-19{P} و {L}EU{P}.")
    );
    // A Latin text in brackets is one island with its brackets, so that
    // a line break inside it leaves each bracket on the Latin side.
    assert_eq!(
        isolate_latin_runs("المهاجرين (Deutscher Bundestag, 2018; BAMF, 2016) بما"),
        format!("المهاجرين {L}(Deutscher Bundestag, 2018; BAMF, 2016){P} بما")
    );
    // Arabic text and numbers alone are left as they are.
    assert_eq!(
        isolate_latin_runs("أكثر من 430,000 شخص"),
        "أكثر من 430,000 شخص"
    );
}

#[test]
fn a_name_with_its_abbreviation_in_brackets_is_one_island() {
    assert_eq!(
        isolate_latin_runs("المكتب Bundesamt für Migration (BAMF), 2014 في النص"),
        format!("المكتب {L}Bundesamt für Migration (BAMF), 2014{P} في النص")
    );
    // Ending the run, the pair keeps its closing bracket.
    assert_eq!(
        isolate_latin_runs("هو LaSI (Landesstelle für Integration) و"),
        format!("هو {L}LaSI (Landesstelle für Integration){P} و")
    );
    // Brackets of Arabic text or numbers alone end the island.
    assert_eq!(
        isolate_latin_runs("تقرير BAMF (مثلاً) هنا"),
        format!("تقرير {L}BAMF{P} (مثلاً) هنا")
    );
}

#[test]
fn a_negative_number_keeps_its_sign_at_the_left() {
    assert_eq!(
        isolate_latin_runs("والرصيد -1234 شخصا"),
        format!("والرصيد {L}-1234{P} شخصا")
    );
    // A range's dash is no sign: the range is one island.
    assert_eq!(
        isolate_latin_runs("بين 2015-2016 هنا"),
        format!("بين {L}2015-2016{P} هنا")
    );
}

#[test]
fn a_range_in_latin_digits_reads_left_to_right_whatever_its_dash() {
    for range in [
        "0-6",
        "0–6",
        "1991-2018",
        "1991–2018",
        "10%–20%",
        "1,5 – 2,5",
        "18—40",
    ] {
        assert_eq!(
            isolate_latin_runs(&format!("الفئة {range} سنوات")),
            format!("الفئة {L}{range}{P} سنوات"),
            "{range}"
        );
        // Alone (a chart's category label, a table cell).
        assert_eq!(
            isolate_direction(range),
            format!("{L}{range}{P}"),
            "{range}"
        );
    }
    // Not ranges of Latin digits: three numbers, Arabic-Indic digits.
    assert_eq!(isolate_latin_runs("في ٢٠١٤–٢٠١٦ هنا"), "في ٢٠١٤–٢٠١٦ هنا");
    assert_eq!(
        isolate_latin_runs("في 2014-2016-2018 هنا"),
        "في 2014-2016-2018 هنا"
    );
}

#[test]
fn an_author_year_citation_stays_whole() {
    assert_eq!(
        isolate_latin_runs("المصدر: Saliba, S. (2018)، عن تجربة"),
        format!("المصدر: {L}Saliba, S. (2018){P}، عن تجربة")
    );
    assert_eq!(
        isolate_latin_runs("كما يذكر De Bel-Air, F. (2016: 12). وهنا"),
        format!("كما يذكر {L}De Bel-Air, F. (2016: 12){P}. وهنا")
    );
    // A year in Arabic-Indic digits belongs to the Arabic sentence.
    assert_eq!(
        isolate_latin_runs("المصدر: Saliba (٢٠١٨) عن"),
        format!("المصدر: {L}Saliba{P} (٢٠١٨) عن")
    );
}

#[test]
fn an_address_keeps_its_final_slash() {
    assert_eq!(
        isolate_latin_runs("الرابط: https://alghad.com/ في نهاية السطر."),
        format!("الرابط: {L}https://alghad.com/{P} في نهاية السطر.")
    );
    // A full stop after it stays with the sentence.
    assert_eq!(
        isolate_latin_runs("الرابط https://alghad.com/."),
        format!("الرابط {L}https://alghad.com/{P}.")
    );
}

#[test]
fn a_name_that_starts_with_a_number_keeps_its_order() {
    for (text, island) in [
        (
            "انضمت عمّان إلى شبكة 100 Resilient Cities في عام 2014.",
            "100 Resilient Cities",
        ),
        (
            "انضمت إلى شبكة (100 Resilient Cities) في",
            "(100 Resilient Cities)",
        ),
        (
            "انضمت إلى شبكة «100 Resilient Cities» في",
            "100 Resilient Cities",
        ),
    ] {
        assert!(
            isolate_latin_runs(text).contains(&format!("{L}{island}{P}")),
            "{text}: {}",
            isolate_latin_runs(text)
        );
    }
    // A number before one Latin word is the sentence's.
    assert_eq!(
        isolate_latin_runs("الفقرة 1، الجملة 1 AufenthG"),
        format!("الفقرة 1، الجملة 1 {L}AufenthG{P}")
    );
    assert_eq!(
        isolate_direction("100 Resilient Cities"),
        format!("{L}100 Resilient Cities{P}")
    );
}

#[test]
fn digits_written_against_a_latin_word_stay_with_it() {
    assert_eq!(
        isolate_latin_runs("ومبدأ 3Ts (استناداً"),
        format!("ومبدأ {L}3Ts{P} (استناداً")
    );
    // A year before a word, with a space between, is not part of it.
    assert_eq!(
        isolate_latin_runs("عام 2014 BAMF"),
        format!("عام 2014 {L}BAMF{P}")
    );
}

#[test]
fn direction_comes_from_bidi_classes_not_code_ranges() {
    let vietnamese = "Nguyễn, T. H. (2019) Di cư lao động ở Hà Nội";
    let transliterated = "Ḥasan, ʿA. (2015) Al-hijra fī al-Ṣafāʾ";
    assert_eq!(own_direction(vietnamese), Some(Direction::LeftToRight));
    assert_eq!(own_direction(transliterated), Some(Direction::LeftToRight));
    assert_eq!(
        paragraph_direction(transliterated, Direction::RightToLeft),
        Direction::LeftToRight
    );
    assert_eq!(own_direction("הגירה ועבודה"), Some(Direction::RightToLeft));
    assert_eq!(own_direction("(2019) وفقاً BAMF"), None);
    // A Latin entry with a Hebrew title is a quotation: its first
    // strong letter decides; an Arabic sentence quoting Latin stays.
    assert_eq!(
        paragraph_direction(
            "Cohen, D. (2018) הגירה ועבודה. Jerusalem.",
            Direction::RightToLeft
        ),
        Direction::LeftToRight
    );
    assert_eq!(
        paragraph_direction("BAMF (2019) تقرير", Direction::RightToLeft),
        Direction::RightToLeft
    );
    assert_eq!(own_direction("2019"), None);
    assert_eq!(
        paragraph_direction("BAMF - المكتب الاتحادي للهجرة", Direction::RightToLeft),
        Direction::RightToLeft
    );
    // Whole Latin texts are isolated whole, their order kept.
    assert_eq!(
        isolate_latin_runs(vietnamese),
        format!("{L}{vietnamese}{P}")
    );
}

#[test]
fn neutral_texts_with_latin_letters_are_isolated() {
    assert_eq!(
        isolate_direction("§ 25 AufenthG"),
        format!("{L}§ 25 AufenthG{P}")
    );
    assert_eq!(isolate_direction("2019"), "2019");
    assert_eq!(isolate_direction(""), "");
}

#[test]
fn numbers_with_signs_in_latin_digits_read_as_typed() {
    // A sign at either end, a comparison, a unit after a space: the bidi
    // algorithm would move it to the other side in right-to-left text.
    for label in ["65+", "<5", "+3.5%", "12 %", "-3", "5 - 9", "0–6", "(5)"] {
        assert!(is_reordered_latin_number(label), "{label}");
        assert_eq!(isolate_direction(label), format!("{L}{label}{P}"));
        assert_eq!(
            edition_text(label, Direction::RightToLeft),
            format!("{L}{label}{P}")
        );
        // Left to right, nothing to do.
        assert_eq!(edition_text(label, Direction::LeftToRight), label);
    }
    // Kept in order by the algorithm itself: not isolated as a whole.
    for label in ["2019", "2010/11", "15-24", "3.5%", "1,234"] {
        assert!(!is_reordered_latin_number(label), "{label}");
    }
    assert_eq!(edition_text("2019", Direction::RightToLeft), "2019");
    assert_eq!(edition_text("2010/11", Direction::RightToLeft), "2010/11");
    // Letters, or the right-to-left text's own digits: not a Latin number.
    for text in ["65 فأكثر", "65+ years", "٦٥+", "۶۵+", "+"] {
        assert!(!is_reordered_latin_number(text), "{text}");
    }
}

#[test]
fn direction_marks_are_removed() {
    assert_eq!(strip_direction_marks("\u{200e}19\u{200e}%\u{200e}"), "19%");
    assert_eq!(strip_direction_marks("١٩٪\u{061c}"), "١٩٪");
}

#[test]
fn the_numbers_of_arabic_sentences_take_the_edition_digits() {
    let arab = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];
    assert_eq!(
        with_sentence_digits(
            "في عام 2014 قدم BAMF 2014 تقريراً (2019) عن 0-6 سنوات.",
            &arab
        ),
        "في عام ٢٠١٤ قدم BAMF 2014 تقريراً (٢٠١٩) عن ٠-٦ سنوات."
    );
    // Their separators with them, as CLDR writes Arabic-Indic numbers; a
    // comma between numbers that is no grouping stays.
    assert_eq!(
        with_sentence_digits("نسبة 41.5 من 1,234 شخصاً و 2014,2015 و 3, 4", &arab),
        "نسبة ٤١٫٥ من ١٬٢٣٤ شخصاً و ٢٠١٤,٢٠١٥ و ٣, ٤"
    );
    // Latin names, citations, addresses and paragraphs keep theirs.
    for text in [
        "المصدر: Saliba, S. (2018)، عن تجربة",
        "شبكة 100 Resilient Cities في",
        "الرابط https://example.org/2019/ هنا",
        "المادة § 25 من القانون",
        "Dortmund 2019",
    ] {
        let converted = with_sentence_digits(text, &arab);
        assert!(
            converted.chars().all(|c| !arab.contains(&c)),
            "{text}: {converted}"
        );
    }
}
