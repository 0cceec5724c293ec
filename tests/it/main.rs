//! The integration tests, as one test binary (Typst is linked once): each
//! module checks one area of the program end to end, mostly by running the
//! `cityprofile` binary on the sample profile or on a fixture
//! (`tests/fixtures`) and reading the PDFs back; `common` holds the helpers
//! they share.

mod common;

mod batch_and_timings;
mod blank_pages;
mod broken_profiles;
mod change_report;
mod chart_snapshots;
mod chart_text;
mod chart_values;
mod command_line;
mod commonmark;
mod contents_entries;
mod csv_data;
mod damaged_inputs;
mod dortmund_en;
mod edition_errors;
mod editions;
mod escaping;
mod eu_funding;
mod fonts_and_photos;
mod footnotes;
#[cfg(feature = "gettext-tools")]
mod gettext_tools;
mod guide;
mod images;
mod input_hygiene;
mod language_spans;
mod layout_passes;
mod long_tables;
mod markdown_features;
mod mutations;
mod notes_imprint_images;
mod outside_the_profile;
mod overprint;
mod print_marks;
mod print_production;
mod regional_editions;
mod regional_spelling;
mod rtl_blocks;
mod rtl_editions;
mod rtl_labels;
mod rtl_latin_runs;
mod rtl_numbers;
mod scaffold;
mod searchable_text;
mod sfax;
mod spreadsheets;
mod stale_numbers;
mod strict;
mod table_breaks;
mod template_overrides;
mod toml_mistakes;
mod translation_handover;
mod translation_identity;
mod translation_po;
mod translation_po_import;
mod translation_state;
mod update;
mod values_from_files;
mod watch;
