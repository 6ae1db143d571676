use crate::support::{Env, Receiver};

#[test]
fn send_test_delivers_a_signed_workestra_event() {
    let env = Env::new();
    let app = Receiver::start();
    env.hooks()
        .args(["send-test", "contact.created", "--secret", "s3cret", "--to"])
        .arg(app.url("/webhooks"))
        .assert()
        .success()
        .stdout(predicates::str::contains("--> contact.created [evt_"))
        .stdout(predicates::str::contains("<-- [200] POST"));
    let got = app.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path_and_query, "/webhooks");
    assert_eq!(r.json()["type"], "contact.created");
    let header = r.header("x-workestra-signature").expect("signed");
    let mut headers = http::HeaderMap::new();
    headers.insert("x-workestra-signature", header.parse().unwrap());
    let scheme = hooks::providers::get("workestra").unwrap().scheme;
    assert!(scheme
        .verify(&["s3cret".to_string()], &headers, &r.body, 0, 300)
        .is_valid());
}
