//! What differs between editions besides their text: number formats and the
//! words of the layout ("Table of contents", "Fig.", "Source", month names),
//! built in per language and overridable by a profile's `strings/<lang>.toml`.

pub mod written;

use std::str::FromStr;
use std::sync::Arc;

use fixed_decimal::{SignedRoundingMode, UnsignedRoundingMode};
use icu_calendar::{Date, Gregorian};
use icu_datetime::{fieldsets, FixedCalendarDateTimeFormatter};
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale::Locale;

use crate::base::units::Unit;

mod error;

pub use error::LocaleError;

/// How one edition writes numbers and dates, from CLDR data (ICU4X):
/// grouping and decimal separators, digits, percent signs, month names.
#[derive(Clone)]
pub struct NumberFormat {
    inner: Arc<Formatters>,
    words: Arc<UnitWords>,
}

/// The words an edition prints around numbers, from its layout strings:
/// units without CLDR data here (`km²`, `كم²`) and the qualifiers of a value.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitWords {
    pub km2: String,
    pub m2: String,
    pub approximately: String,
    pub less_than: String,
    pub more_than: String,
}

impl Default for UnitWords {
    fn default() -> Self {
        UnitWords {
            km2: "km²".into(),
            m2: "m²".into(),
            approximately: "approx.".into(),
            less_than: "<".into(),
            more_than: ">".into(),
        }
    }
}

struct Formatters {
    /// The digits in use: asked for, or the locale's CLDR default.
    numbering: NumberingSystem,
    locale: String,
    /// The locale with its numbering system, for formatters made on demand.
    icu_locale: Locale,
    /// The ten digits of the numbering system, from CLDR.
    digits: [char; 10],
    decimal: DecimalFormatter,
    /// Without grouping, for years.
    ungrouped: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    month_year: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>,
    /// The percent sign of the numbering system (CLDR `percentSign`), which
    /// ICU4X's percent formatter leaves Latin.
    percent_sign: &'static str,
}

impl std::fmt::Debug for NumberFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NumberFormat({})", self.inner.locale)
    }
}

/// A numbering system a profile may choose for an edition's digits
/// (profile.toml's `digits`), by its CLDR name (the `-u-nu-` keyword of
/// BCP 47, Unicode TR 35 and CLDR's `numberingSystems.xml`). Serialised as
/// that name (`"arab"`), which the templates compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberingSystem {
    /// `latn`: 0123456789.
    Latn,
    /// `arab`: Arabic-Indic digits ٠١٢٣٤٥٦٧٨٩.
    Arab,
    /// `arabext`: Extended Arabic-Indic digits ۰۱۲۳۴۵۶۷۸۹ (Persian, Urdu).
    Arabext,
}

impl NumberingSystem {
    /// Every numbering system this build knows, in the order messages list
    /// them.
    pub const ALL: [NumberingSystem; 3] = [
        NumberingSystem::Latn,
        NumberingSystem::Arab,
        NumberingSystem::Arabext,
    ];

    /// The CLDR name: `latn`, `arab` or `arabext`.
    pub fn name(self) -> &'static str {
        match self {
            NumberingSystem::Latn => "latn",
            NumberingSystem::Arab => "arab",
            NumberingSystem::Arabext => "arabext",
        }
    }

    /// The numbering system of a CLDR name; `None` for a name this build
    /// does not know.
    pub fn from_name(name: &str) -> Option<NumberingSystem> {
        Self::ALL.into_iter().find(|n| n.name() == name)
    }

    /// The known names, comma-separated, for messages: `latn, arab, arabext`.
    pub fn known_names() -> String {
        Self::ALL.map(NumberingSystem::name).join(", ")
    }
}

impl NumberFormat {
    /// The format of a language, optionally with a numbering system
    /// (`latn` for 0-9, `arab` for Arabic-Indic digits); without one, the
    /// language's CLDR default.
    pub fn new(
        lang: &str,
        numbering: Option<NumberingSystem>,
    ) -> Result<NumberFormat, LocaleError> {
        let tag = match numbering {
            Some(nu) => format!("{lang}-u-nu-{}", nu.name()),
            None => lang.to_string(),
        };
        let locale: Locale = match tag.parse() {
            Ok(locale) => locale,
            Err(error) => return Err(LocaleError::Invalid { tag, error }),
        };
        let data_error =
            |what: &'static str, error: icu_provider::DataError| LocaleError::NoNumberData {
                tag: tag.clone(),
                what,
                error,
            };
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| data_error("number", e))?;
        let ungrouped = DecimalFormatter::try_new(
            (&locale).into(),
            DecimalFormatterOptions::from(GroupingStrategy::Never),
        )
        .map_err(|e| data_error("number", e))?;
        let percent = PercentFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| data_error("percent", e))?;
        let month_year =
            FixedCalendarDateTimeFormatter::try_new((&locale).into(), fieldsets::YM::long())
                .map_err(|error| LocaleError::NoDateData {
                    tag: tag.clone(),
                    error,
                })?;
        let mut digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
        for (value, digit) in digits.iter_mut().enumerate() {
            let written = decimal.format(&Decimal::from(value as u32)).to_string();
            if let Some(c) = written.chars().find(|c| c.is_numeric()) {
                *digit = c;
            }
        }
        // The numbering system in use: the one asked for, else the locale's
        // CLDR default (`ar-JO`, `ar-EG` write Arabic-Indic digits, `ar`
        // Latin ones), as its digits show.
        let numbering = numbering.unwrap_or(match digits[0] {
            '\u{0660}' => NumberingSystem::Arab,
            '\u{06f0}' => NumberingSystem::Arabext,
            _ => NumberingSystem::Latn,
        });
        // CLDR's symbols of the Arabic-Indic numbering systems (common/main/
        // ar.xml and fa.xml, `<symbols numberSystem="arab|arabext">`).
        let percent_sign = match numbering {
            NumberingSystem::Arab => "\u{066a}\u{061c}",
            NumberingSystem::Arabext => "\u{066a}",
            NumberingSystem::Latn => "%",
        };
        Ok(NumberFormat {
            inner: Arc::new(Formatters {
                locale: tag,
                icu_locale: locale,
                digits,
                decimal,
                ungrouped,
                percent,
                month_year,
                percent_sign,
                numbering,
            }),
            words: Arc::new(UnitWords::default()),
        })
    }

    /// The numbering system the format writes its digits in: the one asked
    /// for, else the locale's CLDR default (Arabic-Indic for `ar-JO`).
    pub fn numbering_system(&self) -> NumberingSystem {
        self.inner.numbering
    }

    /// The same format with an edition's words for units and qualifiers.
    pub fn with_words(&self, words: UnitWords) -> NumberFormat {
        NumberFormat {
            inner: self.inner.clone(),
            words: Arc::new(words),
        }
    }

    /// The edition's words for units and qualifiers.
    pub fn words(&self) -> &UnitWords {
        &self.words
    }

    /// The English format (for tests and examples).
    pub fn for_language(lang: &str) -> Option<NumberFormat> {
        NumberFormat::new(lang, None).ok()
    }

    fn decimal(value: f64) -> Decimal {
        // The shortest representation keeps the decimals the data was written with.
        Decimal::from_str(&format!("{value}")).unwrap_or_else(|_| Decimal::from(0))
    }

    /// `value` with exactly `decimals` digits after the separator when
    /// given (rounded half away from zero, as DIN 1333 and the statistics
    /// offices round; zeros kept: `16` with 1 -> `16.0`), else as
    /// [`NumberFormat::decimal`].
    fn decimal_with(value: f64, decimals: Option<u8>) -> Decimal {
        let Some(decimals) = decimals else {
            return Self::decimal(value);
        };
        let position = -i16::from(decimals);
        let mut d = Self::decimal(value).rounded_with_mode(
            position,
            SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
        );
        d.absolute.pad_end(position);
        d
    }

    /// A number with grouping and as many decimals as it was written with:
    /// `603600` -> `603,600` / `603.600` / `603 600`, `10.1` -> `10.1` / `10,1`.
    pub fn number(&self, value: f64) -> String {
        self.number_with_decimals(value, None)
    }

    /// A number as [`NumberFormat::number`], with exactly `decimals`
    /// digits after the separator when given: `16` with 1 -> `16.0` / `16,0`.
    pub fn number_with_decimals(&self, value: f64, decimals: Option<u8>) -> String {
        self.inner
            .decimal
            .format(&Self::decimal_with(value, decimals))
            .to_string()
    }

    /// A number with its unit: `10.1%` / `10,1 %`; a year `2014`; an area
    /// `281 km²` / `281 كم²`; money with the currency's CLDR symbol, position
    /// and decimals: `€7.25` / `7,25 €`, `1.250 TND`, `€19,000` (a whole
    /// amount is printed without decimals).
    pub fn quantity(&self, value: f64, unit: Option<Unit>) -> String {
        self.quantity_with_decimals(value, unit, None)
    }

    /// A number with its unit as [`NumberFormat::quantity`], with exactly
    /// `decimals` digits after the separator when given (`16.0 %`). Money
    /// keeps its currency's CLDR decimals whatever `decimals` says.
    pub fn quantity_with_decimals(
        &self,
        value: f64,
        unit: Option<Unit>,
        decimals: Option<u8>,
    ) -> String {
        match unit {
            None => self.number_with_decimals(value, decimals),
            Some(Unit::Percent) => {
                let written = self
                    .inner
                    .percent
                    .format(&Self::decimal_with(value, decimals))
                    .to_string();
                if self.inner.percent_sign == "%" {
                    written
                } else {
                    written.replace('%', self.inner.percent_sign)
                }
            }
            Some(Unit::Year) => self
                .inner
                .ungrouped
                .format(&Self::decimal_with(value, decimals))
                .to_string(),
            Some(Unit::SquareKilometre) => {
                format!(
                    "{}{}{}",
                    self.number_with_decimals(value, decimals),
                    self.unit_space(),
                    self.words.km2
                )
            }
            Some(Unit::SquareMetre) => {
                format!(
                    "{}{}{}",
                    self.number_with_decimals(value, decimals),
                    self.unit_space(),
                    self.words.m2
                )
            }
            Some(Unit::Currency(code)) => self.money(value, &code),
        }
    }

    /// An amount of money in the currency `code` (ISO 4217), by CLDR.
    fn money(&self, value: f64, code: &[u8; 3]) -> String {
        let name = std::str::from_utf8(code).unwrap_or("XXX");
        let prefs = (&self.inner.icu_locale).into();
        let formatter = CurrencyType::try_from_str(&name.to_ascii_lowercase())
            .ok()
            .and_then(|currency| {
                // CLDR gives many currencies a symbol only in their own
                // countries' locales (TND: "DT" in fr-TN, not in fr): then
                // the ISO code is printed.
                if self.has_currency_symbol(currency) {
                    CurrencyFormatter::try_new_symbol(prefs, currency, Default::default()).ok()
                } else {
                    CurrencyFormatter::try_new_code(prefs, currency, Default::default()).ok()
                }
            });
        let Some(formatter) = formatter else {
            return format!("{}{}{name}", self.number(value), self.unit_space());
        };
        let written = formatter
            .format_fixed_decimal(&Self::decimal(value))
            .to_string();
        if value.fract() != 0.0 {
            return written;
        }
        // A whole amount drops the currency's zero decimals (`€19,000`, not
        // `€19,000.00`): the decimal separator and the zeros after it.
        let (_, decimal) = self.separators();
        let zero = self.inner.digits[0];
        let mut chars: Vec<char> = written.chars().collect();
        // The separator between digits (a symbol such as `د.ت.` has dots too).
        let between_digits = (1..chars.len()).find(|&at| {
            chars[at] == decimal
                && chars[at - 1].is_numeric()
                && chars.get(at + 1).is_some_and(|c| c.is_numeric())
        });
        if let Some(at) = between_digits {
            let zeros = chars[at + 1..].iter().take_while(|c| **c == zero).count();
            let next_is_digit = chars.get(at + 1 + zeros).is_some_and(|c| c.is_numeric());
            if zeros > 0 && !next_is_digit {
                chars.drain(at..at + 1 + zeros);
            }
        }
        chars.into_iter().collect()
    }

    /// Whether CLDR has a symbol for a currency in this language (asked
    /// silently: a missing one is not an error).
    fn has_currency_symbol(&self, currency: CurrencyType) -> bool {
        use icu_experimental::dimension::provider::currency::symbols::CurrencySymbolsV1;
        use icu_provider::prelude::*;
        let language = self.inner.locale.split("-u-").next().unwrap_or("und");
        let Ok(language) = language.parse::<icu_locale::LanguageIdentifier>() else {
            return false;
        };
        let locale = DataLocale::from(&language);
        let mut buffer = Default::default();
        let attributes =
            CurrencySymbolsV1::make_attributes(currency, CurrencySymbolsV1::SHORT, &mut buffer);
        let mut metadata = DataRequestMetadata::default();
        metadata.silent = true;
        let request = DataRequest {
            id: DataIdentifierBorrowed::for_marker_attributes_and_locale(attributes, &locale),
            metadata,
        };
        DataProvider::<CurrencySymbolsV1>::load(&icu_experimental::provider::Baked, request).is_ok()
    }

    /// How many decimals CLDR gives an amount in the currency `code`
    /// (2 for EUR, 3 for TND, 0 for JPY).
    pub fn currency_digits(&self, code: &str) -> Option<usize> {
        let b = code.as_bytes();
        if b.len() != 3 {
            return None;
        }
        let written = self.money(0.5, &[b[0], b[1], b[2]]);
        let (_, decimal) = self.separators();
        let chars: Vec<char> = written.chars().collect();
        let at = (1..chars.len()).find(|&at| chars[at] == decimal && chars[at - 1].is_numeric())?;
        Some(
            chars[at + 1..]
                .iter()
                .take_while(|c| c.is_numeric())
                .count(),
        )
    }

    /// Between a number and a unit word such as `km²` or `€`.
    pub fn unit_space(&self) -> &'static str {
        "\u{a0}"
    }

    /// A number written as text (a year such as `2019`, a range such as
    /// `0–6`) in the edition's digits; text with letters is left as it is.
    pub fn localize_digits(&self, text: &str) -> String {
        let digits = &self.inner.digits;
        if digits[0] == '0' || text.chars().any(char::is_alphabetic) {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => digits[d as usize],
                _ => c,
            })
            .collect()
    }

    /// The edition's digits when they are not the Latin 0-9 (Arabic-Indic
    /// `٠`-`٩` with `digits = "arab"`), `None` for Latin digits.
    pub fn native_digits(&self) -> Option<[char; 10]> {
        (self.inner.digits[0] != '0').then_some(self.inner.digits)
    }

    /// The grouping and decimal separators, as CLDR writes `1234567.5`:
    /// `(',', '.')` in English, `('.', ',')` in German.
    pub fn separators(&self) -> (char, char) {
        let written = self.number(1_234_567.5);
        let marks: Vec<char> = written
            .chars()
            .filter(|c| !c.is_numeric() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}'))
            .collect();
        let group = marks.first().copied().unwrap_or(',');
        let decimal = marks.last().copied().unwrap_or('.');
        (group, decimal)
    }

    /// "March 2021", "März 2021", "mars 2021", "مارس 2021".
    pub fn month_year(&self, year: i32, month: u8) -> String {
        match Date::try_new_gregorian(year, month, 1) {
            Ok(date) => self.inner.month_year.format(&date).to_string(),
            Err(_) => format!("{month}/{year}"),
        }
    }
}

/// Whether CLDR has data of its own for a language (not only the root
/// fallback): its month names differ from the root locale's.
pub fn cldr_knows(lang: &str) -> bool {
    let root = NumberFormat::new("und", None).map(|f| f.month_year(2021, 3));
    let this = NumberFormat::new(lang, None).map(|f| f.month_year(2021, 3));
    matches!((root, this), (Ok(root), Ok(this)) if root != this)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_numbers_group_by_thousands() {
        let f = NumberFormat::for_language("en").unwrap();
        assert_eq!(f.number(603600.0), "603,600");
        assert_eq!(f.number(22845.0), "22,845");
        assert_eq!(f.number(999.0), "999");
        assert_eq!(f.number(1000.0), "1,000");
        assert_eq!(f.number(10.1), "10.1");
        assert_eq!(f.number(-1234.5), "-1,234.5");
        assert_eq!(f.quantity(10.1, Some(Unit::Percent)), "10.1%");
        assert_eq!(f.quantity(7.25, Some(Unit::EUR)), "€7.25");
        assert_eq!(f.quantity(9.5, Some(Unit::EUR)), "€9.50");
        assert_eq!(f.quantity(19000.0, Some(Unit::EUR)), "€19,000");
        assert_eq!(f.quantity(2014.0, Some(Unit::Year)), "2014");
        assert_eq!(
            f.quantity(281.0, Some(Unit::SquareKilometre)),
            "281\u{a0}km²"
        );
        assert_eq!(f.month_year(2021, 3), "March 2021");
    }

    #[test]
    fn other_locales_come_from_cldr() {
        let de = NumberFormat::new("de", None).unwrap();
        assert_eq!(de.number(22845.0), "22.845");
        assert_eq!(de.quantity(10.1, Some(Unit::Percent)), "10,1\u{a0}%");
        assert_eq!(de.quantity(9.5, Some(Unit::EUR)), "9,50\u{a0}€");
        let tnd = Unit::parse("TND").unwrap();
        let fr = NumberFormat::new("fr", None).unwrap();
        assert_eq!(fr.currency_digits("TND"), Some(3));
        assert_eq!(fr.currency_digits("EUR"), Some(2));
        assert!(
            fr.quantity(1.25, Some(tnd)).starts_with("1,250"),
            "{}",
            fr.quantity(1.25, Some(tnd))
        );
        assert!(
            !fr.quantity(1200.0, Some(tnd)).contains(",000"),
            "{}",
            fr.quantity(1200.0, Some(tnd))
        );
        let ar = NumberFormat::new("ar", Some(NumberingSystem::Latn)).unwrap();
        let words = UnitWords {
            km2: "كم²".into(),
            ..UnitWords::default()
        };
        let ar = ar.with_words(words);
        assert_eq!(
            ar.quantity(281.0, Some(Unit::SquareKilometre)),
            "281\u{a0}كم²"
        );
        // The dots of the dinar's Arabic symbol are not decimals.
        assert_eq!(
            ar.quantity(450.0, Some(tnd)),
            "\u{200f}450\u{a0}د.ت.\u{200f}"
        );
        assert!(ar.quantity(0.75, Some(tnd)).contains("0.750"));
        assert_eq!(de.month_year(2021, 3), "März 2021");
        let fr = NumberFormat::new("fr", None).unwrap();
        assert_eq!(fr.number(22845.0), "22\u{202f}845");
        assert_eq!(fr.month_year(2021, 3), "mars 2021");
        let ar = NumberFormat::new("ar", Some(NumberingSystem::Arab)).unwrap();
        assert_eq!(ar.number(22845.0), "٢٢٬٨٤٥");
        // With Arabic-Indic digits, CLDR's Arabic percent sign.
        assert_eq!(
            ar.quantity(10.1, Some(Unit::Percent))
                .replace(['\u{200e}', '\u{061c}'], ""),
            "١٠٫١٪"
        );
        assert_eq!(ar.localize_digits("2019"), "٢٠١٩");
        assert_eq!(ar.localize_digits("0–6"), "٠–٦");
        assert_eq!(ar.localize_digits("§ 25 AufenthG"), "§ 25 AufenthG");
        assert_eq!(de.localize_digits("2019"), "2019");
        let ar_latin = NumberFormat::new("ar", Some(NumberingSystem::Latn)).unwrap();
        assert_eq!(ar_latin.number(22845.0), "22,845");
        assert!(ar_latin.month_year(2021, 3).contains("مارس"));
    }

    #[test]
    fn declared_decimals_are_printed_zeros_and_all() {
        let en = NumberFormat::for_language("en").unwrap();
        let de = NumberFormat::new("de", None).unwrap();
        assert_eq!(en.number_with_decimals(16.0, Some(1)), "16.0");
        assert_eq!(en.number_with_decimals(1234.5, Some(2)), "1,234.50");
        assert_eq!(en.number_with_decimals(12.85, Some(1)), "12.9");
        assert_eq!(en.number_with_decimals(-12.85, Some(1)), "-12.9");
        assert_eq!(en.number_with_decimals(12.84, Some(0)), "13");
        assert_eq!(en.number_with_decimals(12.8, None), "12.8");
        assert_eq!(
            de.quantity_with_decimals(16.0, Some(Unit::Percent), Some(1)),
            "16,0\u{a0}%"
        );
        assert_eq!(
            en.quantity_with_decimals(16.0, Some(Unit::Percent), Some(1)),
            "16.0%"
        );
        // Money keeps its currency's decimals.
        assert_eq!(
            en.quantity_with_decimals(9.5, Some(Unit::EUR), Some(1)),
            "€9.50"
        );
    }

    #[test]
    fn any_language_cldr_knows_has_its_numbers_and_dates() {
        let es = NumberFormat::new("es", None).unwrap();
        assert_eq!(es.month_year(2021, 3), "marzo de 2021");
        assert_eq!(es.number(1234567.5), "1.234.567,5");
        let tr = NumberFormat::new("tr", None).unwrap();
        assert_eq!(tr.quantity(10.0, Some(Unit::Percent)), "%10");
        assert!(cldr_knows("es") && cldr_knows("el") && cldr_knows("ar"));
        assert!(!cldr_knows("qq"));
    }

    #[test]
    fn regional_locales_have_their_own_cldr_formats() {
        let de_ch = NumberFormat::new("de-CH", None).unwrap();
        assert_eq!(de_ch.number(603600.0), "603'600");
        assert_eq!(de_ch.number(1234.5), "1'234.5");
        assert_eq!(de_ch.quantity(10.1, Some(Unit::Percent)), "10.1%");
        assert_eq!(de_ch.month_year(2021, 3), "März 2021");
        let chf = Unit::parse("CHF").unwrap();
        assert_eq!(de_ch.quantity(7.25, Some(chf)), "CHF\u{a0}7.25");
        assert_eq!(de_ch.quantity(19000.0, Some(chf)), "CHF\u{a0}19'000");
        // CLDR's digits for Jordan, without `digits`: Arabic-Indic.
        let ar_jo_default = NumberFormat::new("ar-JO", None).unwrap();
        assert_eq!(ar_jo_default.number(22845.0), "٢٢٬٨٤٥");
        let fr_ch = NumberFormat::new("fr-CH", None).unwrap();
        assert_eq!(fr_ch.number(1234.5), "1'234,5");
        let es_mx = NumberFormat::new("es-MX", None).unwrap();
        assert_eq!(es_mx.number(1234567.5), "1,234,567.5");
        assert_eq!(es_mx.month_year(2021, 3), "marzo de 2021");
        // The Levantine month names of CLDR's `ar-JO`.
        let ar_jo = NumberFormat::new("ar-JO", Some(NumberingSystem::Latn)).unwrap();
        assert_eq!(ar_jo.month_year(2022, 12), "كانون الأول 2022");
        assert_eq!(ar_jo.month_year(2022, 6), "حزيران 2022");
        let ar = NumberFormat::new("ar", Some(NumberingSystem::Latn)).unwrap();
        assert_eq!(ar.month_year(2022, 12), "ديسمبر 2022");
        assert!(cldr_knows("de-CH") && cldr_knows("ar-JO") && cldr_knows("sr-Latn"));
    }
}
