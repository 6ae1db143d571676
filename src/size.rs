//! Sizes on the command line (`--max-body 25MiB`).

use crate::{Error, Result};

/// Parses a size: a number of bytes, optionally followed by a unit. `KiB`,
/// `MiB`, `GiB` and the short `k`, `m`, `g` are binary (1024-based); `KB`,
/// `MB`, `GB` are decimal. Case does not matter. `flag` names the option in
/// the error.
pub fn parse(raw: &str, flag: &str) -> Result<u64> {
    let text = raw.trim().to_ascii_lowercase();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let factor: Option<u64> = match unit.trim() {
        "" | "b" => Some(1),
        "k" | "kib" => Some(1 << 10),
        "m" | "mib" => Some(1 << 20),
        "g" | "gib" => Some(1 << 30),
        "kb" => Some(1_000),
        "mb" => Some(1_000_000),
        "gb" => Some(1_000_000_000),
        _ => None,
    };
    digits
        .parse::<u64>()
        .ok()
        .zip(factor)
        .and_then(|(n, f)| n.checked_mul(f))
        .ok_or_else(|| {
            Error::usage(format!("{flag} {raw}: not a size"))
                .with_hint("write a size like 25MiB, 512KiB, 1MB or a number of bytes")
        })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn binary_and_decimal_units() {
        assert_eq!(parse("25MiB", "--max-body").unwrap(), 25 << 20);
        assert_eq!(parse("512k", "--max-body").unwrap(), 512 << 10);
        assert_eq!(parse("1MB", "--max-body").unwrap(), 1_000_000);
        assert_eq!(parse(" 4096 ", "--max-body").unwrap(), 4096);
        assert_eq!(parse("2g", "--max-body").unwrap(), 2 << 30);
    }

    #[test]
    fn refuses_what_is_not_a_size() {
        for bad in ["x", "10 parsecs", "", "MiB", "-1k", "99999999999999999999"] {
            let e = parse(bad, "--max-body").unwrap_err();
            assert!(e.message.starts_with("--max-body"), "{bad}: {}", e.message);
        }
    }
}
