//! Reading numbers typed in texts of several languages.

use super::*;

fn en() -> Conventions {
    Conventions::new("en", (',', '.'))
}

fn de() -> Conventions {
    Conventions::new("de", ('.', ','))
}

fn fr() -> Conventions {
    Conventions::new("fr", ('\u{202f}', ','))
}

fn ar_arab() -> Conventions {
    Conventions::new("ar", ('\u{066c}', '\u{066b}'))
}

/// The keys of the numbers of `text`, as found.
fn keys(conventions: &Conventions, text: &str) -> Vec<String> {
    conventions
        .numbers_in(text)
        .iter()
        .map(WrittenNumber::key)
        .collect()
}

#[test]
fn each_language_reads_its_own_separators() {
    assert_eq!(keys(&en(), "Dortmund has 603,600 inhabitants"), ["603600"]);
    assert_eq!(keys(&de(), "Dortmund hat 603.600 Einwohner"), ["603600"]);
    assert_eq!(keys(&fr(), "Dortmund compte 603 600 habitants"), ["603600"]);
    assert_eq!(
        keys(&fr(), "603\u{202f}600 et 603\u{a0}600"),
        ["603600", "603600"]
    );
    let ch = Conventions::new("de-CH", ('’', '.'));
    assert_eq!(keys(&ch, "603'600 und 603’600"), ["603600", "603600"]);
    // The other language's writing is another number, or none.
    assert_eq!(keys(&en(), "603.600"), ["603.6"]);
    assert_eq!(keys(&de(), "13,8 %"), ["13.8"]);
    assert_eq!(keys(&en(), "13.80"), ["13.8"]);
    // A leading zero before another digit writes a code or a phone
    // number, not a quantity.
    assert_eq!(keys(&en(), "0.5 and 007"), ["0.5"]);
}

#[test]
fn arabic_digits_and_separators_are_read() {
    assert_eq!(keys(&ar_arab(), "يبلغ عدد السكان ٦٠٣٬٦٠٠ نسمة"), ["603600"]);
    assert_eq!(keys(&ar_arab(), "١٣٫٨٪"), ["13.8"]);
    // Latin digits in an Arabic text, written as English writes them.
    assert_eq!(keys(&ar_arab(), "603,600 و 13.8"), ["603600", "13.8"]);
    let ar_latn = Conventions::new("ar", (',', '.'));
    assert_eq!(keys(&ar_latn, "٦٠٣٬٦٠٠"), ["603600"]);
}

#[test]
fn runs_that_are_no_number_are_left_out() {
    // Wrong groups, mixed separators, dates.
    assert!(keys(&en(), "1,23,456 and 12.03.2019 and 1.234,5").is_empty());
    // Codes, words and ordinals.
    assert!(keys(&en(), "COVID-19 H2O 10th 978-3-16 p.123 #150").is_empty());
    // Times and ratios are no quantities; a colon before a space is text.
    assert!(keys(&en(), "at 10:30, 1:300").is_empty());
    assert_eq!(keys(&en(), "Population:603,600"), ["603600"]);
    // A sentence's full stop or comma after a number is no separator.
    assert_eq!(keys(&en(), "It was 603,600. Then 5,"), ["603600", "5"]);
}

#[test]
fn spaces_group_only_where_the_language_groups_with_them() {
    assert_eq!(keys(&en(), "in 2019 603 people"), ["2019", "603"]);
    assert_eq!(keys(&fr(), "en 2019 603 600 habitants"), ["2019", "603600"]);
}

#[test]
fn places_and_percent_signs_are_found() {
    let text = "about 13.8 % of 1,200";
    let numbers = en().numbers_in(text);
    assert_eq!(&text[numbers[0].start..numbers[0].end], "13.8");
    assert!(numbers[0].percent);
    assert!(!numbers[1].percent);
    assert!(en().numbers_in("45% and 45 percent")[1].percent);
    assert!(de().numbers_in("45 Prozent")[0].percent);
    assert!(ar_arab().numbers_in("٤٥ في المائة")[0].percent);
    assert!(!en().numbers_in("45 percentage points")[0].percent);
}

#[test]
fn small_round_numbers_and_years_are_incidental() {
    let first = |c: &Conventions, t: &str| c.numbers_in(t).remove(0);
    assert!(first(&en(), "12 months").is_incidental());
    assert!(first(&en(), "12 %").is_incidental());
    assert!(first(&en(), "26,000 workers").is_incidental());
    assert!(first(&en(), "100,000").is_incidental());
    assert!(first(&en(), "in 2019").is_incidental());
    assert!(!first(&en(), "2,019 persons").is_incidental());
    assert!(!first(&en(), "12.5 months").is_incidental());
    assert!(!first(&en(), "0.5").is_incidental());
    assert!(!first(&en(), "172 cities").is_incidental());
    assert!(!first(&en(), "604,000").is_incidental());
    assert!(!first(&en(), "2150 cities").is_incidental());
}

#[test]
fn rounding_follows_the_precision_written() {
    let first = |c: &Conventions, t: &str| c.numbers_in(t).remove(0);
    let n = first(&en(), "604,000");
    assert_eq!((n.precision(), n.significant_digits()), (3, 3));
    assert!(n.is_rounded(603_600.0));
    assert!(n.is_rounded(603_500.0));
    assert!(!n.is_rounded(603_499.0));
    assert!(n.is_rounded(-604_400.0));
    let n = first(&de(), "13,8");
    assert_eq!((n.precision(), n.significant_digits()), (-1, 3));
    assert!(n.is_rounded(13.75));
    assert!(n.is_rounded(13.849));
    assert!(!n.is_rounded(13.85));
    assert_eq!(first(&en(), "600,000").significant_digits(), 1);
    assert_eq!(first(&en(), "0.05").significant_digits(), 1);
}

#[test]
fn values_are_keyed_as_written_and_as_printed() {
    assert_eq!(value_key(603_600.0, None), ["603600"]);
    assert_eq!(value_key(-13.8, None), ["13.8"]);
    assert_eq!(value_key(3.0, Some(1)), ["3"]);
    assert_eq!(value_key(13.333, Some(1)), ["13.333", "13.3"]);
    assert!(value_key(f64::NAN, None).is_empty());
}

#[test]
fn words_of_approximation_come_before_the_number() {
    let at = |c: &Conventions, text: &str| {
        let n = c.numbers_in(text).remove(0);
        c.approximation_before(text, n.start)
    };
    assert!(at(&en(), "about 604,000 inhabitants"));
    assert!(at(&en(), "**About** 604,000"));
    assert!(at(&de(), "rund 604.000 Einwohner"));
    assert!(at(&fr(), "près de 604 000 habitants"));
    assert!(at(&ar_arab(), "حوالي ٦٠٤٬٠٠٠ نسمة"));
    assert!(at(&ar_arab(), "بحوالي ٦٠٤٬٠٠٠ نسمة"));
    assert!(at(&en(), "~604,000"));
    assert!(!at(&en(), "awesome 604,000"));
    assert!(!at(&en(), "exactly 604,000"));
    assert!(!at(&en(), "604,000, about"));
    let layout = Conventions::new("tr", ('.', ',')).with_approximation_word("yaklaşık");
    assert!(at(&layout, "yaklaşık 604.000"));
}

#[test]
fn written_numbers_for_the_literal_list() {
    for ok in [
        "603,600",
        "603.600",
        "603 600",
        "603'600",
        "13,8 %",
        "٦٠٣٬٦٠٠",
        "2011",
    ] {
        assert!(is_written_number(ok), "{ok}");
    }
    for bad in ["", "abc", "603,,600", ",600", "60x", "13 % 4", "-5"] {
        assert!(!is_written_number(bad), "{bad}");
    }
    assert_eq!(normalized_writing("٦٠٣\u{a0}٦٠٠ %"), "603 600");
    assert_eq!(normalized_writing("603’600"), "603'600");
}

#[test]
fn phone_numbers_are_not_numbers() {
    assert_eq!(
        keys(&de(), "Telefon +49 231 50-0 oder 0231 50 12345."),
        Vec::<String>::new()
    );
    assert_eq!(
        keys(&fr(), "Tél. 0231 50 12345, soit 603 600"),
        vec!["603600"]
    );
    // A leading zero only before another digit: 0,5 is a number.
    assert_eq!(keys(&de(), "0,5 Prozent"), vec!["0.5"]);
}

#[test]
fn article_and_paragraph_numbers_are_not_numbers() {
    assert_eq!(
        keys(
            &de(),
            "nach § 116, §116, Art. 116 und Artikel 116 Abs. 116; 116 Menschen"
        ),
        vec!["116"]
    );
    assert_eq!(
        keys(&en(), "Article 116 and Art. 16a"),
        Vec::<String>::new()
    );
    // A word that only ends like one (`Smart 116`) is no such word.
    assert_eq!(keys(&en(), "Smart 116"), vec!["116"]);
}

#[test]
fn a_number_after_an_arabic_one_letter_prefix_is_read() {
    assert_eq!(keys(&ar_arab(), "و٩٤٤ شخصًا"), vec!["944"]);
    let numbers = ar_arab().numbers_in("ب٣٫٤٪ و ل١٢٣");
    let found: Vec<(String, bool)> = numbers.iter().map(|n| (n.key(), n.percent)).collect();
    assert_eq!(
        found,
        vec![("3.4".to_string(), true), ("123".to_string(), false)]
    );
    // Digits inside a longer word stay part of it.
    assert_eq!(keys(&ar_arab(), "كوب٩٤٤"), Vec::<String>::new());
}

#[test]
fn a_date_reads_as_no_number_in_any_language() {
    assert!(!reads_as_one_number("12.03.2019"));
    assert!(!reads_as_one_number("1.2.3"));
    for number in [
        "603,600",
        "603.600",
        "13,8 %",
        "603 600",
        "603'600",
        "٦٠٣٬٦٠٠",
        "2011",
    ] {
        assert!(reads_as_one_number(number), "{number}");
    }
}
