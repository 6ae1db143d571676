//! What the emulator's and the inspector's axum routers share: the layers
//! in front of routing (the Host/Origin guard, trailing slashes) and serving
//! the result on a hyper connection. The listener and the relay stay on
//! plain hyper (docs/architecture.md says why).

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::convert::Infallible;
use std::future::Future;
use std::net::IpAddr;
use tower::{Service, ServiceBuilder};
use tower_http::normalize_path::NormalizePathLayer;

/// Who may call a server on `port`, and what a refused caller gets.
#[derive(Clone, Copy)]
pub struct Guard {
    pub port: u16,
    /// The answer to a refused request, given why.
    pub refuse: fn(String) -> Response,
}

/// The request's path as it came, before trailing slashes were trimmed.
#[derive(Clone)]
pub struct RawPath(pub String);

/// `router` behind, in this order: the Host/Origin guard (refuses first,
/// whatever the path), the [`RawPath`] kept for messages, and paths trimmed
/// of their leading and trailing slashes (`/api/x/` is `/api/x`), as these
/// servers have always matched them.
pub fn guarded<B>(
    router: Router,
    guard: Guard,
) -> impl Service<
    Request<B>,
    Response = Response,
    Error = Infallible,
    Future = impl Future<Output = Result<Response, Infallible>> + Send,
> + Clone
       + Send
       + 'static
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    ServiceBuilder::new()
        .map_request(|req: Request<B>| req.map(Body::new))
        .layer(middleware::from_fn_with_state(guard, check))
        .layer(middleware::map_request(remember_path))
        .layer(NormalizePathLayer::trim_trailing_slash())
        .layer(middleware::map_response(without_allow))
        .service(router)
}

async fn check(State(guard): State<Guard>, req: Request, next: Next) -> Response {
    match check_origin(&req, guard.port) {
        Ok(()) => next.run(req).await,
        Err(why) => (guard.refuse)(why),
    }
}

async fn remember_path(mut req: Request) -> Request {
    let raw = RawPath(req.uri().path().to_string());
    req.extensions_mut().insert(raw);
    req
}

/// axum names a route's methods in `Allow` on whatever its method fallback
/// answers (a 404 here, and a refused HEAD that a GET route would list);
/// these servers answer as they did without it.
async fn without_allow(mut res: Response) -> Response {
    res.headers_mut().remove(http::header::ALLOW);
    res
}

/// DNS-rebinding protection: a page on another site that resolves its own
/// name to 127.0.0.1 still sends its own name as Host. Only IP literals and
/// `localhost` on the server's port are accepted; a browser's Origin, when
/// present, must be one of those too (so a cross-origin `text/plain` POST,
/// which needs no preflight, is refused as well).
pub fn check_origin<B>(req: &http::Request<B>, port: u16) -> Result<(), String> {
    let host = req
        .headers()
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !own_host(host, port) {
        return Err(format!(
            "refused: Host {host:?} is not this inspector's address"
        ));
    }
    if let Some(origin) = req.headers().get(http::header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let ok = origin
            .strip_prefix("http://")
            .is_some_and(|rest| own_host(rest, port));
        if !ok {
            return Err(format!(
                "refused: Origin {origin:?} is not this inspector's page"
            ));
        }
    }
    Ok(())
}

fn own_host(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else {
        return false;
    };
    if p.parse::<u16>().ok() != Some(port) {
        return false;
    }
    let name = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::Extension;
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use axum::routing::get;
    use tower::ServiceExt;

    /// `/a` answers GET with the path as it came; HEAD and other methods
    /// get the router's method fallback.
    async fn call(method: &str, path: &str, host: &str) -> Response {
        let router = Router::new().route(
            "/a",
            get(|Extension(RawPath(raw)): Extension<RawPath>| async move { raw })
                .head(|| async { StatusCode::METHOD_NOT_ALLOWED })
                .fallback(|| async { StatusCode::METHOD_NOT_ALLOWED }),
        );
        let guard = Guard {
            port: 4040,
            refuse: |why| (StatusCode::FORBIDDEN, why).into_response(),
        };
        let req = http::Request::builder()
            .method(method)
            .uri(path)
            .header("host", host)
            .body(Body::empty())
            .unwrap();
        guarded(router, guard).oneshot(req).await.unwrap()
    }

    async fn text(res: Response) -> String {
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn trailing_slashes_match_and_the_raw_path_is_kept() {
        let res = call("GET", "//a//", "127.0.0.1:4040").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(text(res).await, "//a//");
    }

    #[tokio::test]
    async fn a_foreign_host_is_refused_before_routing() {
        let res = call("GET", "/nowhere", "evil.example:4040").await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(text(res).await.contains("evil.example"));
    }

    #[tokio::test]
    async fn refused_methods_carry_no_allow_header() {
        for method in ["HEAD", "POST"] {
            let res = call(method, "/a", "127.0.0.1:4040").await;
            assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{method}");
            assert!(res.headers().get(http::header::ALLOW).is_none(), "{method}");
        }
    }

    fn request(host: &str, origin: Option<&str>) -> http::Request<()> {
        let mut b = http::Request::builder().uri("/").header("host", host);
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn only_own_hosts_and_origins_pass() {
        assert!(check_origin(&request("127.0.0.1:4040", None), 4040).is_ok());
        assert!(check_origin(
            &request("localhost:4040", Some("http://localhost:4040")),
            4040
        )
        .is_ok());
        assert!(check_origin(&request("[::1]:4040", None), 4040).is_ok());
        assert!(check_origin(&request("evil.example:4040", None), 4040).is_err());
        assert!(check_origin(&request("127.0.0.1:4041", None), 4040).is_err());
        assert!(check_origin(&request("127.0.0.1", None), 4040).is_err());
        assert!(check_origin(
            &request("127.0.0.1:4040", Some("http://evil.example")),
            4040
        )
        .is_err());
        assert!(check_origin(&request("127.0.0.1:4040", Some("null")), 4040).is_err());
        assert!(check_origin(
            &request("127.0.0.1:4040", Some("https://127.0.0.1:4040")),
            4040
        )
        .is_err());
    }
}
