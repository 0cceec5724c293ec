//! Raw HTML in chapter text. The rule: an HTML comment (`<!-- ... -->`) is
//! a note for the authors and never reaches the page; any other HTML, block
//! or inline, prints literally as written (`<b>bold</b>` prints its tags),
//! because the layout has no HTML renderer and silently dropping it would
//! lose text.

/// Removes HTML comments from `html`. `open` carries an unclosed comment
/// from one piece of a block to the next: on return it tells whether a
/// comment is still open at the end of `html`.
pub(crate) fn strip_comments(html: &str, open: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        if *open {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *open = false;
                }
                None => return out,
            }
        }
        match rest.find("<!--") {
            Some(start) => {
                out.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                // `<!-->` and `<!--->` are complete (empty) comments.
                if let Some(r) = rest.strip_prefix('>').or_else(|| rest.strip_prefix("->")) {
                    rest = r;
                    continue;
                }
                *open = true;
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_removed_across_pieces() {
        let mut open = false;
        assert_eq!(strip_comments("a <!-- x --> b", &mut open), "a  b");
        assert!(!open);
        assert_eq!(strip_comments("<!-- check", &mut open), "");
        assert!(open);
        assert_eq!(
            strip_comments("before printing -->after", &mut open),
            "after"
        );
        assert!(!open);
        assert_eq!(strip_comments("<b>x</b><!-->y", &mut open), "<b>x</b>y");
    }
}
