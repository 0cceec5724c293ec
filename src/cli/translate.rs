//! `cityprofile translate export` and `translate import`: a language's
//! translation as a gettext PO catalog, for translation tools (Poedit,
//! Weblate, OmegaT, Lokalize, a CAT tool), and back into the profile.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{plan, Output, INPUT_ERROR};

/// `cityprofile translate ...`.
#[derive(clap::Subcommand)]
pub enum Action {
    /// Write the PO catalog of one language: every segment of the source
    /// chapters and every text of the data, prefilled with the current
    /// translation; segments whose source changed since are fuzzy.
    Export(ExportArgs),
    /// Take a translated PO catalog back into the profile: its translations
    /// go into the language's chapters and data texts, and the catalog is
    /// kept as `po/<lang>.po`.
    Import(ImportArgs),
}

/// `cityprofile translate export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The profile folder (or its profile.toml). Default: as for `build`.
    #[arg(value_name = "PROFILE_DIR")]
    pub profile_dir: Option<PathBuf>,
    /// The language to translate into.
    #[arg(long)]
    pub lang: String,
    /// Where to write the catalog (default: `<id>-<lang>.po` in the current folder).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the catalog when the file already exists (it may be a
    /// translator's work, so it is never replaced without this).
    #[arg(long)]
    pub force: bool,
}

/// `cityprofile translate import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The profile folder (or its profile.toml), then the translated
    /// catalog; with one argument, the catalog (the profile as for `build`).
    #[arg(value_name = "PROFILE_DIR FILE.po", num_args = 1..=2, required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(action: Action, out: &Output) -> ExitCode {
    match action {
        Action::Export(args) => export(args, out),
        Action::Import(args) => import(args, out),
    }
}

fn export(args: ExportArgs, out: &Output) -> ExitCode {
    let (planned, lang) = match plan::plan_one_language(
        args.profile_dir.as_ref(),
        &args.lang,
        "translate export",
        out,
    ) {
        Ok(planned) => planned,
        Err(code) => return code,
    };
    let out = &out.for_project(&planned.project);
    let Some(profile) = &planned.project.profile else {
        out.diagnostics(&planned.project.diagnostics, false);
        return ExitCode::from(INPUT_ERROR);
    };
    let catalog = match cityprofile::translate::po::export(profile, &lang) {
        Ok(catalog) => catalog,
        Err(d) => {
            out.diagnostic(&d);
            return ExitCode::from(INPUT_ERROR);
        }
    };
    let file = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("{}-{lang}.po", profile.id())));
    if file.exists() && !args.force {
        out.diagnostic(&cityprofile::base::diag::Diagnostic::error(
            &file,
            None,
            "this file exists and would be replaced by the export, losing what it holds (a translator's work, perhaps): import it first (`cityprofile translate import`), write to another file with `--out`, or give `--force` to replace it",
        ));
        return ExitCode::from(INPUT_ERROR);
    }
    if let Err(d) = cityprofile::base::io::write_atomically(&file, catalog.to_po().as_bytes()) {
        out.diagnostic(&d);
        return ExitCode::from(INPUT_ERROR);
    }
    let total = catalog.entries.len();
    let translated = catalog.entries.iter().filter(|e| e.is_translated()).count();
    let fuzzy = catalog.entries.iter().filter(|e| e.fuzzy).count();
    println!(
        "wrote {}: {total} segments, {translated} translated ({}%), {fuzzy} fuzzy, {} untranslated",
        file.display(),
        (translated * 100).checked_div(total).unwrap_or(100),
        total - translated - fuzzy
    );
    ExitCode::SUCCESS
}

fn import(args: ImportArgs, out: &Output) -> ExitCode {
    let (given, file) = match args.paths.as_slice() {
        [file] => (Vec::new(), file.clone()),
        [dir, file] => (vec![dir.clone()], file.clone()),
        _ => return out.usage_error("give the profile folder and the PO file"),
    };
    let planned = match plan(&given, None, "translate import", false) {
        Ok(mut planned) => planned.remove(0),
        Err(refusal) => return refusal.report(out),
    };
    let out = &out.for_project(&planned.project);
    let Some(profile) = &planned.project.profile else {
        out.diagnostics(&planned.project.diagnostics, false);
        return ExitCode::from(INPUT_ERROR);
    };
    // The catalog is named here, not by the profile: it may be anywhere.
    planned.project.sources().admit(&file);
    match cityprofile::translate::po::import(profile, &file) {
        Ok(report) => {
            let changed = match report.changed_source {
                0 => String::new(),
                n => format!(
                    " ({n} made for a source text that changed since the export: check them)"
                ),
            };
            let gone = match report.gone {
                0 => String::new(),
                1 => "; 1 entry for a text no longer in the sources left out".to_string(),
                n => format!("; {n} entries for texts no longer in the sources left out"),
            };
            println!(
                "imported {}: {} translated, {} fuzzy{changed}, {} untranslated{gone}; {}",
                file.display(),
                report.translated,
                report.fuzzy,
                report.untranslated,
                if report.written.is_empty() {
                    "nothing changed".to_string()
                } else {
                    format!("wrote {}", report.written.join(", "))
                }
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for d in &problems {
                out.diagnostic(d);
            }
            out.error(format!(
                "nothing was written: {} problem(s) in {}",
                problems.len(),
                file.display()
            ));
            ExitCode::from(INPUT_ERROR)
        }
    }
}
