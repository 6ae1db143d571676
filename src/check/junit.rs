//! JUnit XML for `hooks check --junit FILE`: one testsuite, one testcase per
//! case, failures and skips marked, as CI systems display them.

use super::run::{Outcome, Verdict};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// The report's name and the class name of its testcases.
#[derive(Debug, Clone)]
pub struct Suite<'a> {
    /// e.g. "hooks check workestra http://127.0.0.1:3000/webhooks"
    pub name: &'a str,
    /// e.g. "hooks.check.workestra"
    pub classname: &'a str,
}

/// The JUnit XML document for a run's verdicts.
pub fn render(suite: &Suite, verdicts: &[Verdict]) -> io::Result<Vec<u8>> {
    let count = |o: Outcome| verdicts.iter().filter(|v| v.outcome == o).count();
    let tests = verdicts.len().to_string();
    let failures = count(Outcome::Failed).to_string();
    let skipped = count(Outcome::Skipped).to_string();
    let time = seconds(verdicts.iter().map(|v| v.elapsed.as_secs_f64()).sum());
    let name = clean(suite.name);
    let classname = clean(suite.classname);

    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let totals = [
        ("name", name.as_str()),
        ("tests", tests.as_str()),
        ("failures", failures.as_str()),
        ("errors", "0"),
        ("skipped", skipped.as_str()),
        ("time", time.as_str()),
    ];
    w.create_element("testsuites")
        .with_attributes(totals)
        .write_inner_content(|w| {
            w.create_element("testsuite")
                .with_attributes(totals)
                .write_inner_content(|w| {
                    for v in verdicts {
                        testcase(w, &classname, v)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut xml = w.into_inner();
    xml.push(b'\n');
    Ok(xml)
}

fn testcase(w: &mut Writer<Vec<u8>>, classname: &str, v: &Verdict) -> io::Result<()> {
    let time = seconds(v.elapsed.as_secs_f64());
    let element = w.create_element("testcase").with_attributes([
        ("name", v.case.id()),
        ("classname", classname),
        ("time", time.as_str()),
    ]);
    let message = clean(&format!("{}: {}", v.case.title(), v.reason));
    match v.outcome {
        Outcome::Passed => {
            element.write_empty()?;
        }
        Outcome::Skipped => {
            element.write_inner_content(|w| {
                w.create_element("skipped")
                    .with_attribute(("message", message.as_str()))
                    .write_empty()?;
                Ok(())
            })?;
        }
        Outcome::Failed => {
            let detail = clean(v.excerpt.as_deref().unwrap_or(&v.reason));
            element.write_inner_content(|w| {
                w.create_element("failure")
                    .with_attributes([("message", message.as_str()), ("type", "check")])
                    .write_text_content(BytesText::new(&detail))?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

fn seconds(s: f64) -> String {
    format!("{s:.3}")
}

/// Text XML 1.0 can carry: characters it forbids even escaped (most control
/// characters, as a handler's response body may hold) become U+FFFD; the
/// writer escapes the rest.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::cases::Case;
    use std::time::Duration;

    fn verdict(case: Case, outcome: Outcome, reason: &str) -> Verdict {
        Verdict {
            outcome,
            reason: reason.to_string(),
            excerpt: (outcome == Outcome::Failed).then(|| format!("> {reason}\n< 200")),
            elapsed: Duration::from_millis(12),
            ..Verdict::skipped(case, "")
        }
    }

    /// Every attribute value and text of the document, as a parser reads them.
    fn parsed(xml: &[u8]) -> Vec<String> {
        let text = std::str::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(text).expect("well-formed XML");
        let mut out = Vec::new();
        for node in doc.descendants() {
            out.extend(node.attributes().map(|a| a.value().to_string()));
            if node.is_text() {
                out.push(node.text().unwrap().to_string());
            }
        }
        out
    }

    #[test]
    fn hostile_text_is_escaped_and_parses_back() {
        let hostile = "</failure><x a=\"1\">&amp; ]]> 'q' \u{1}\u{0}";
        let verdicts = [
            verdict(Case::Genuine, Outcome::Passed, "ok"),
            verdict(Case::ForgedSignature, Outcome::Failed, hostile),
            verdict(Case::StaleTimestamp, Outcome::Skipped, hostile),
        ];
        let suite = Suite {
            name: "hooks check <\"x\"> & y",
            classname: "hooks.check.x",
        };
        let xml = render(&suite, &verdicts).unwrap();
        let values = parsed(&xml);
        assert!(values.contains(&"hooks check <\"x\"> & y".to_string()));
        let expected =
            "rejects a forged signature: </failure><x a=\"1\">&amp; ]]> 'q' \u{FFFD}\u{FFFD}";
        assert!(values.contains(&expected.to_string()), "{values:?}");
        let text = String::from_utf8(xml).unwrap();
        assert_eq!(text.matches("<testcase ").count(), 3);
        assert_eq!(text.matches("<failure ").count(), 1);
        assert_eq!(text.matches("<skipped ").count(), 1);
        assert!(text.contains(r#"tests="3" failures="1" errors="0" skipped="1""#));
    }
}
