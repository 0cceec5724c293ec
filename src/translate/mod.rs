//! Translation: the state of each translated chapter against its source
//! ([`state`], recorded in the chapter's front matter) and the gettext PO
//! workflow ([`po`]: export, import, fallbacks for untranslated segments).

pub mod po;
pub mod state;
