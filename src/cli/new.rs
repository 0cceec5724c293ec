//! `cityprofile new`: creates a profile folder from the built-in scaffold.
//! A command line that cannot give a whole profile is refused before
//! anything is written, and a failure leaves no half-made folder behind.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Output, INPUT_ERROR};

/// `cityprofile new`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create (it must not exist or be empty).
    pub dir: PathBuf,
    /// The city's name, as printed: `--city Tunis`, and per language
    /// `--city ar=تونس` (repeat the option).
    #[arg(long, required = true)]
    pub city: Vec<String>,
    /// The country's name (default: a placeholder).
    #[arg(long)]
    pub country: Option<String>,
    /// Languages of the editions, each once; the first is the one the text
    /// is written in. Case and spaces do not matter.
    #[arg(long, value_delimiter = ',', default_value = "en")]
    pub lang: Vec<String>,
    /// The profile id, used in the PDFs' names (default: from the city's name).
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(args: Args, out: &Output) -> ExitCode {
    let typed: Vec<String> = args
        .lang
        .iter()
        .map(|l| cityprofile::base::lang::canonical_case(l.trim()))
        .collect();
    if let Some(twice) = typed
        .iter()
        .enumerate()
        .find(|(i, lang)| !lang.is_empty() && typed[..*i].contains(lang))
    {
        return out.usage_error(format!(
            "--lang names `{}` twice: give each language once (nothing was written)",
            twice.1
        ));
    }
    let languages = match super::languages_as_typed(&typed) {
        Ok(languages) => languages,
        Err(problem) => return out.usage_error(problem.to_string()),
    };
    // A language code that cannot give an edition is a wrong command line,
    // like a repeated one: refused before anything is written.
    for lang in &languages {
        if !cityprofile::base::lang::is_language_code(lang)
            || !cityprofile::locale::cldr_knows(lang)
        {
            return out.usage_error(format!(
                "`{lang}` in --lang is not a language CLDR has number and date formats for (use a code like `en`, `fr`, `ar`, `es`, `it`, `tr`; nothing was written)"
            ));
        }
    }
    let mut scaffolds = cityprofile::scaffold::scaffold_languages();
    scaffolds.sort();
    if cityprofile::scaffold::scaffold_language(&languages[0], &scaffolds).is_none() {
        return out.usage_error(format!(
            "no built-in scaffold for language `{}`: the first --lang is the language the chapters are written in, one of {} or one of them with a region like de-CH (other languages can follow it, like --lang {},{}; nothing was written)",
            languages[0],
            scaffolds.join(", "),
            scaffolds.last().map(String::as_str).unwrap_or("en"),
            languages[0]
        ));
    }
    let request = cityprofile::scaffold::NewProfile {
        dir: args.dir.clone(),
        city: args.city,
        id: args.id,
        country: args.country,
        languages,
    };
    match cityprofile::scaffold::create(&request) {
        Ok(files) => {
            let dir = cityprofile::base::diag::shell_word(&args.dir);
            println!(
                "created {} ({} files): `cityprofile check {dir}` lists its placeholders, `cityprofile build {dir}` builds it",
                args.dir.display(),
                files.len()
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            out.diagnostic(&d);
            ExitCode::from(INPUT_ERROR)
        }
    }
}
