//! Files and their errors: the messages for a file that cannot be read or
//! is not UTF-8 text (reading itself goes through the store of
//! [`Sources`](super::source::Sources)), short reasons for I/O errors, and
//! atomic writes (a temporary file, then a rename; a folder written beside
//! its place, then put there).

use std::fs;
use std::io::Write;
use std::path::Path;

use super::diag::Diagnostic;

/// The error for a file that cannot be read.
pub fn read_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        None,
        format!("cannot read this file: {}", io_reason(e)),
    )
}

/// A file's bytes as UTF-8 text, or the error at the first bad byte.
pub fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error_at(
            path,
            &text,
            valid,
            "this file is not valid UTF-8 text (save it as UTF-8)",
        )
    })
}

/// A short reason for an I/O error, without the OS error code.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Writes a file atomically: a temporary file beside it, then a rename, so
/// that readers see the old file or the new one, never a partial one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::general(format!("cannot create the folder {}: {e}", dir.display()))
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Diagnostic::general(format!("cannot write {}: {e}", path.display()))
    })
}

/// Puts the folder `staging` in place of the folder `target`: the previous
/// `target` is moved aside, `staging` renamed to it, and the previous one
/// removed; when the rename fails, the previous folder is put back. A file
/// (not a folder) at `target` is left alone and refused.
pub fn replace_folder(staging: &Path, target: &Path) -> Result<(), Diagnostic> {
    let failed =
        |e: std::io::Error| Diagnostic::general(format!("cannot write {}: {e}", target.display()));
    let old = staging.with_extension("old");
    let had_old = match fs::symlink_metadata(target) {
        Ok(meta) if meta.is_dir() => {
            fs::rename(target, &old).map_err(failed)?;
            true
        }
        Ok(_) => {
            return Err(Diagnostic::general(format!(
                "cannot write {}: a file is in the way of the folder (move it away)",
                target.display()
            )))
        }
        Err(_) => false,
    };
    if let Err(e) = fs::rename(staging, target) {
        if had_old {
            let _ = fs::rename(&old, target);
        }
        return Err(failed(e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}
