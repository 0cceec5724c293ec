//! The units a number of the profile is written in (percent, year, areas,
//! ISO 4217 currencies), as the profile's TOML names them.

use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::fmt;

/// How a number is written: `unit = "percent"`, `"year"`, `"km2"`, `"m2"`
/// or an ISO 4217 currency code (`"EUR"`, `"TND"`, `"USD"`; `"eur"` is
/// accepted for the euro). Percent signs, currency symbols and their decimals
/// come from CLDR; the words for areas from the layout strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `10.1%` / `10,1 %`
    Percent,
    /// A calendar year, never grouped: `2014` (not `2,014`).
    Year,
    /// Square kilometres: `281 km²` / `281 كم²`.
    SquareKilometre,
    /// Square metres: `35 m²`.
    SquareMetre,
    /// An amount of money in an ISO 4217 currency, by its code:
    /// `9.50 €` in German is `9,50 €`, `1.250 TND` has three decimals.
    Currency([u8; 3]),
}

impl Unit {
    /// The euro, the unit `"eur"` of earlier profiles.
    pub const EUR: Unit = Unit::Currency(*b"EUR");

    /// Reads a unit as written in TOML; the message says what is accepted.
    pub fn parse(name: &str) -> Result<Unit, UnitError> {
        match name {
            "percent" => return Ok(Unit::Percent),
            "year" => return Ok(Unit::Year),
            "km2" | "km²" => return Ok(Unit::SquareKilometre),
            "m2" | "m²" => return Ok(Unit::SquareMetre),
            "eur" => return Ok(Unit::EUR),
            _ => {}
        }
        if name.len() == 3 && name.chars().all(|c| c.is_ascii_uppercase()) {
            if iso_currency::Currency::from_code(name).is_some() {
                let b = name.as_bytes();
                return Ok(Unit::Currency([b[0], b[1], b[2]]));
            }
            return Err(UnitError::NotACurrency(name.to_string()));
        }
        Err(UnitError::Unknown(name.to_string()))
    }

    /// The currency code, for a currency.
    pub fn currency_code(&self) -> Option<&str> {
        match self {
            Unit::Currency(code) => std::str::from_utf8(code).ok(),
            _ => None,
        }
    }
}

/// A unit name that `Unit::parse` does not accept; each carries the name as
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// Three capital letters that ISO 4217 does not list (`"EUO"`).
    NotACurrency(String),
    /// Any other name that is not a unit (`"people"`).
    Unknown(String),
}

impl fmt::Display for UnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitError::NotACurrency(name) => write!(
                f,
                "`{name}` is not an ISO 4217 currency code (like \"EUR\", \"TND\", \"MAD\", \"USD\")"
            ),
            UnitError::Unknown(name) => write!(
                f,
                "`{name}` is not a unit: write \"percent\", \"year\", \"km2\", \"m2\" or a currency code like \"EUR\" or \"TND\" (for any other unit word use `suffix`)"
            ),
        }
    }
}

impl std::error::Error for UnitError {}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Unit::parse(&name).map_err(de::Error::custom)
    }
}
