//! How the commands print: problems rendered like rustc's and Typst's,
//! coloured on a terminal and plain when piped, as `--color`, `NO_COLOR`
//! and `CLICOLOR_FORCE` decide.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use cityprofile::base::diag::{Diagnostic, Diagnostics};
use cityprofile::base::source::Sources;
use cityprofile::build::Project;

use super::USAGE_ERROR;

/// `--color`: when messages are coloured. `Auto`: on a terminal, unless
/// `NO_COLOR` is set (or `TERM=dumb`); `CLICOLOR_FORCE=1` colours when
/// piped too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Where the messages of a command go, and how they look.
pub struct Output {
    /// Whether messages on standard error carry ANSI colours.
    pub color: bool,
    /// The files of the profile the command works on, as it read them:
    /// where a message's source line comes from.
    sources: Option<Arc<Sources>>,
}

impl ColorWhen {
    /// The same choice for clap's own messages (usage errors, help).
    pub fn for_clap(self) -> clap::ColorChoice {
        match self {
            ColorWhen::Auto => clap::ColorChoice::Auto,
            ColorWhen::Always => clap::ColorChoice::Always,
            ColorWhen::Never => clap::ColorChoice::Never,
        }
    }

    /// `--color` as given on the command line, read before clap parses it,
    /// so that clap's own messages follow it too.
    pub fn from_raw_args(args: &[std::ffi::OsString]) -> Option<ColorWhen> {
        use clap::ValueEnum;
        let mut value = None;
        let mut args = args.iter().skip(1).filter_map(|a| a.to_str());
        while let Some(arg) = args.next() {
            if arg == "--" {
                break;
            }
            if arg == "--color" {
                value = args.next();
            } else if let Some(given) = arg.strip_prefix("--color=") {
                value = Some(given);
            }
        }
        value.and_then(|v| ColorWhen::from_str(v, true).ok())
    }
}

impl Output {
    /// Decides the colours: `--color always` or `never` as asked; `auto`
    /// colours a terminal, following the `NO_COLOR` and `CLICOLOR_FORCE`
    /// conventions (no-color.org, bixense.com/clicolors) as clap does.
    pub fn new(when: ColorWhen) -> Self {
        let color = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
            }
        };
        Output {
            color,
            sources: None,
        }
    }

    /// The same output for messages about a loaded profile: their source
    /// lines come from the files as the command read them.
    pub fn for_project(&self, project: &Project) -> Output {
        self.with_sources(project.sources())
    }

    /// The same output, with source lines from `sources`.
    pub fn with_sources(&self, sources: &Arc<Sources>) -> Output {
        Output {
            color: self.color,
            sources: Some(sources.clone()),
        }
    }

    /// One problem, rendered like rustc's and Typst's messages.
    pub fn diagnostic(&self, diagnostic: &Diagnostic) {
        let mut stderr = std::io::stderr().lock();
        let text_of = |path: &Path| {
            let sources = self.sources.as_ref()?;
            sources.read_text(path).ok()
        };
        let _ = writeln!(stderr, "{}", diagnostic.render_with(self.color, &text_of));
    }

    /// Every problem, sorted by file and position; only the errors when
    /// `errors_only` (`--quiet`).
    pub fn diagnostics(&self, diagnostics: &Diagnostics, errors_only: bool) {
        for d in diagnostics.sorted() {
            if d.is_error() || !errors_only {
                self.diagnostic(&d);
            }
        }
    }

    /// An error that belongs to no file.
    pub fn error(&self, message: impl Into<String>) {
        self.diagnostic(&Diagnostic::general(message));
    }

    /// A wrong command line: the message, then the way to help, as clap
    /// prints its own errors; exit code 2.
    pub fn usage_error(&self, message: impl Into<String>) -> ExitCode {
        self.error(message);
        eprintln!("\nFor more information, try '--help'.");
        ExitCode::from(USAGE_ERROR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_is_read_before_clap_parses() {
        let args = |s: &[&str]| s.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let read = |s: &[&str]| ColorWhen::from_raw_args(&args(s));
        assert_eq!(
            read(&["cp", "build", "--color", "never"]),
            Some(ColorWhen::Never)
        );
        assert_eq!(
            read(&["cp", "--color=always", "check"]),
            Some(ColorWhen::Always)
        );
        assert_eq!(read(&["cp", "build", "--", "--color", "never"]), None);
        assert_eq!(read(&["cp", "build"]), None);
    }
}
