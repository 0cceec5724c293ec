//! Rebuilds the crate when a file under `templates/` changes: the templates
//! are embedded with `include_dir!`, which stable Rust cannot track itself.

fn main() {
    println!("cargo:rerun-if-changed=templates");
}
