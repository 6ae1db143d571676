//! The inspector's "Copy as curl": a POSIX shell command (sh, bash, zsh)
//! that sends a recorded delivery's exact bytes again. Nothing recorded is
//! ever read by the shell or by curl as code, an option or a file name: the
//! body goes to curl on standard input (`--data-binary @-`) from a `printf`
//! format in which every byte that is not plain printable ASCII is an octal
//! escape, so a body that starts with `@`, or holds NUL, quotes, `$(...)`,
//! backticks, newlines or bytes that are not UTF-8, arrives unchanged.

/// Bodies whose escaped form is longer than this are not written into the
/// command (a shell argument is limited to 128 KiB on Linux): the command
/// reads them from the file the inspector's download link saves.
pub const INLINE_LIMIT: usize = 64 << 10;

/// A word quoted for a POSIX shell: single quotes, with `'` as `'\''`.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The bytes as a `printf` format that prints exactly them, single-quoted.
pub fn printf_format(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('\'');
    for &b in bytes {
        match b {
            b'\\' => out.push_str(r"\\"),
            b'%' => out.push_str("%%"),
            b'\n' => out.push_str(r"\n"),
            b'\t' => out.push_str(r"\t"),
            b'\'' => out.push_str(r"\047"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push('\'');
    out
}

/// Whether a header line can go into the command as a plain quoted word.
fn plain(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| (0x20..=0x7e).contains(b))
}

/// The command that sends a request with these parts to `base` (the
/// listener's URL). `headers` are as they should be sent (masked or not,
/// as the caller chose); hop-by-hop headers are left to curl. `id` names
/// the downloaded body file when the body is too large to inline.
pub fn command(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(String, Vec<u8>)],
    body: &[u8],
    id: i64,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let format = (!body.is_empty())
        .then(|| printf_format(body))
        .filter(|f| f.len() <= INLINE_LIMIT);
    if let Some(format) = &format {
        parts.push(format!("printf {format} |"));
    }
    parts.extend([
        "curl".to_string(),
        "--globoff".into(),
        "-X".into(),
        shell_quote(method),
        shell_quote(&format!("{}{}", base.trim_end_matches('/'), path)),
    ]);
    let mut content_type = false;
    for (name, value) in headers {
        // The connection's own fields, the framing and Host are curl's.
        let name_bytes = name.as_bytes();
        if crate::hop::is_hop_by_hop(name_bytes)
            || crate::hop::is_framing(name_bytes)
            || name.eq_ignore_ascii_case("host")
        {
            continue;
        }
        content_type |= name.eq_ignore_ascii_case("content-type");
        let mut line = format!("{name}: ").into_bytes();
        line.extend_from_slice(value);
        parts.push("-H".into());
        parts.push(match std::str::from_utf8(&line) {
            Ok(text) if plain(&line) => shell_quote(text),
            _ => format!("\"$(printf {})\"", printf_format(&line)),
        });
    }
    if !body.is_empty() {
        if !content_type {
            // Otherwise curl would add a form content type of its own.
            parts.push("-H".into());
            parts.push(shell_quote("Content-Type:"));
        }
        parts.push("--data-binary".into());
        parts.push(match format {
            Some(_) => "@-".to_string(),
            None => format!("@delivery-{id}.bin"),
        });
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_is_escaped_for_printf_in_single_quotes() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(
            printf_format(b"@/etc/x 'q' $(id) `id` %s\\\n\0\xff"),
            r"'@/etc/x \047q\047 $(id) `id` %%s\\\n\000\377'"
        );
    }

    #[test]
    fn bodies_go_on_stdin_and_large_ones_come_from_the_download() {
        let headers = vec![("Content-Type".to_string(), b"text/plain".to_vec())];
        let cmd = command(
            "http://127.0.0.1:1/",
            "POST",
            "/a[1]",
            &headers,
            b"@/etc/hostname",
            7,
        );
        assert_eq!(
            cmd,
            "printf '@/etc/hostname' | curl --globoff -X 'POST' 'http://127.0.0.1:1/a[1]' -H 'Content-Type: text/plain' --data-binary @-"
        );
        let big = vec![0u8; INLINE_LIMIT];
        let cmd = command("http://127.0.0.1:1", "POST", "/", &[], &big, 7);
        assert!(cmd.starts_with("curl "), "{cmd}");
        assert!(
            cmd.ends_with("-H 'Content-Type:' --data-binary @delivery-7.bin"),
            "{cmd}"
        );
        let odd = vec![("X-Name".to_string(), b"caf\xe9".to_vec())];
        let cmd = command("http://h", "GET", "/", &odd, b"", 1);
        assert_eq!(
            cmd,
            r#"curl --globoff -X 'GET' 'http://h/' -H "$(printf 'X-Name: caf\351')""#
        );
    }
}
