//! Untrusted text on the terminal. What a delivery carries (event type and
//! id, path, method, header values, bodies) and what a relay peer sends
//! (channel names, HELLO fields) comes from anyone; printed raw, an ESC
//! sequence clears the screen or sets the window title, a CR or LF forges
//! whole lines (`--> deal.won … ✔ valid`), and a bidi override reorders
//! what is shown. [`quote`] makes every such character visible instead, as
//! git and ls quote file names. JSON output needs none of this: serde
//! escapes control characters in strings.

use std::borrow::Cow;

/// `text` with every character that would act on a terminal rather than be
/// shown written out: `\e` (ESC), `\r`, `\n`, `\t`, `\0`, other C0 and C1
/// controls and DEL as `\x..` or `\u{..}`, and the bidi controls (U+202A to
/// U+202E, U+2066 to U+2069, and the marks U+200E, U+200F, U+061C) as
/// `\u{202e}`. Everything else, a backslash included, is kept as it is:
/// the goal is that nothing hostile acts, not that the output reads back.
pub fn quote(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\x1b' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x20 || c == '\x7f' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if acts(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`quote`] for bytes that may not be UTF-8 (a body): invalid sequences
/// become U+FFFD first.
pub fn quote_bytes(bytes: &[u8]) -> String {
    quote(&String::from_utf8_lossy(bytes)).into_owned()
}

/// Whether `c` acts on a terminal instead of being shown.
fn acts(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(quote("deal.won"), "deal.won");
        assert!(matches!(quote("plain ✔ text"), Cow::Borrowed(_)));
        assert_eq!(
            quote("a\x1b[2J\x1b]0;pwned\x07b\r\n\0\t\x7f"),
            "a\\e[2J\\e]0;pwned\\x07b\\r\\n\\0\\t\\x7f"
        );
        assert_eq!(quote("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(quote("x\u{202e}gpj.exe"), "x\\u{202e}gpj.exe");
        assert_eq!(quote("\u{2066}\u{2069}"), "\\u{2066}\\u{2069}");
        assert_eq!(quote_bytes(b"\xff\x1b"), "\u{fffd}\\e");
    }
}
