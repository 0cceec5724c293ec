//! The `cityprofile` command line: parses the arguments with clap and hands
//! them to the command in `src/cmd/`. Exit codes: 0 success, 1 a problem
//! with the input (or a Typst error), 2 a wrong command line, 3 an
//! `update --fail-on-outdated` that left work for a person.

mod cli;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Builds print-ready PDF City Migration Profiles from a profile folder.
#[derive(Parser)]
#[command(name = "cityprofile", about)]
struct Cli {
    /// When to colour messages: auto (on a terminal, unless NO_COLOR is
    /// set), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = cli::ColorWhen::Auto,
        display_order = 100
    )]
    color: cli::ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build one PDF per language into the output folder.
    Build(cli::build::Args),
    /// The whole data update: build every profile of a folder in every
    /// language, each with its change report, and write the summary of the
    /// run (update-summary.md); exit code 3 with --fail-on-outdated when
    /// translations or numbers typed by hand need work.
    Update(cli::update::Args),
    /// Build, then rebuild on every change in the profile folder (until stopped with Ctrl-C).
    Watch(cli::watch::Args),
    /// Load, validate and lay out every edition as a build would, without writing any PDF.
    Check(cli::check::Args),
    /// What the editions of one profile folder print differently from
    /// those of another (a data update against the folder before it), as a
    /// Markdown report on standard output; nothing is built.
    Diff(cli::diff::Args),
    /// Create a new profile folder with every chapter, table and figure of
    /// the MC2CM structure as placeholders, ready to build.
    New(cli::new::Args),
    /// The built-in template and layout strings, as a starting point for a
    /// profile's own.
    Template {
        #[command(subcommand)]
        action: cli::template::Action,
    },
    /// Record that a language's chapters translate the current source text
    /// (after translating or updating them).
    MarkTranslated(cli::mark_translated::Args),
    /// Translation in gettext PO files: export a language's catalog for a
    /// translation tool, import the translated catalog back.
    Translate {
        #[command(subcommand)]
        action: cli::translate::Action,
    },
}

fn main() -> ExitCode {
    // clap keeps the version text for the whole run.
    let version: &'static str = Box::leak(cli::version().into_boxed_str());
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut command = Cli::command().version(version);
    if let Some(when) = cli::ColorWhen::from_raw_args(&args) {
        command = command.color(when.for_clap());
    }
    let matches = command.get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let out = cli::Output::new(cli.color);
    match cli.command {
        Command::Build(args) => cli::build::run(args, &out),
        Command::Update(args) => cli::update::run(args, &out),
        Command::Watch(args) => cli::watch::run(args, &out),
        Command::Check(args) => cli::check::run(args, &out),
        Command::Diff(args) => cli::diff::run(args, &out),
        Command::New(args) => cli::new::run(args, &out),
        Command::Template { action } => cli::template::run(action, &out),
        Command::MarkTranslated(args) => cli::mark_translated::run(args, &out),
        Command::Translate { action } => cli::translate::run(action, &out),
    }
}
