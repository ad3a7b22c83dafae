//! PROPFIND answers read with a real XML parser: the answers of rclone, nginx (dav-ext) and
//! Apache mod_dav captured from the real servers (`tests/fixtures/webdav/`), and the XML
//! those servers may legally write that splitting strings on `<` got wrong: CDATA, numeric
//! character references, any namespace prefix, full URLs, 404 propstats, and refusals of
//! what is not a listing (including a DTD with entity expansion).

use layanan_desa::net::propfind::{entries, Entry};
use layanan_desa::net::NetError;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/webdav")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn names(xml: &str) -> Vec<String> {
    let mut names: Vec<String> = entries(xml)
        .expect("a listing")
        .into_iter()
        .map(|e| e.name)
        .collect();
    names.sort();
    names
}

const EXPECTED: [&str; 3] = [
    "layanan-desa-2026-12-01.ldbak",
    "sync A&B #1.ldsync",
    "Ünïcode é.txt",
];

#[test]
fn the_servers_offices_meet_list_the_same_files() {
    for file in [
        "rclone-1.60.xml",
        "nginx-1.22-dav-ext-3.0.xml",
        "apache-2.4-mod-dav.xml",
    ] {
        let xml = fixture(file);
        assert_eq!(names(&xml), EXPECTED, "{file}");
        let listed = entries(&xml).expect("a listing");
        let sync = listed
            .iter()
            .find(|e| e.name == "sync A&B #1.ldsync")
            .expect("the sync file");
        assert_eq!(sync.size, Some(2), "{file}");
        assert!(
            sync.modified.as_deref().is_some_and(|m| m.ends_with("GMT")),
            "{file}"
        );
    }
    // nginx sends no etag; the other two do, with their quotes.
    let etag = |file: &str| {
        entries(&fixture(file))
            .expect("listing")
            .into_iter()
            .find(|e| e.name == EXPECTED[0])
            .and_then(|e| e.etag)
    };
    assert_eq!(etag("nginx-1.22-dav-ext-3.0.xml"), None);
    assert!(etag("apache-2.4-mod-dav.xml").is_some_and(|t| t.starts_with('"')));
    assert!(etag("rclone-1.60.xml").is_some_and(|t| t.starts_with('"')));
}

#[test]
fn cdata_references_prefixes_and_full_urls_are_read_as_xml() {
    let xml = r#"<?xml version="1.0"?>
<x:multistatus xmlns:x="DAV:" xmlns:other="urn:not-dav">
  <x:response><x:href>https://dav.desa.id/kantor/</x:href>
    <x:propstat><x:prop><x:resourcetype><x:collection/></x:resourcetype></x:prop>
    <x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
  <x:response><x:href><![CDATA[/kantor/a<b>&c.ldsync]]></x:href>
    <x:propstat><x:prop><x:resourcetype/><x:getcontentlength>10</x:getcontentlength></x:prop>
    <x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
  <x:response><x:href>/kantor/caf&#233;&#x20;1.ldsync</x:href>
    <x:propstat><x:prop><x:resourcetype/></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
  <x:response><x:href>https://dav.desa.id/kantor/B%C3%A9rkas%201.ldsync?x=1</x:href>
    <x:propstat><x:prop><x:resourcetype/></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
  <x:response><x:href>/kantor/<!-- split -->di-pecah.ldsync</x:href>
    <x:propstat><x:prop><x:resourcetype/></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
  <x:response><other:href>/kantor/bukan-dav.ldsync</other:href></x:response>
  <x:response><x:href>/kantor/tanpa-garis-miring</x:href>
    <x:propstat><x:prop><x:resourcetype><x:collection/></x:resourcetype></x:prop>
    <x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
  <x:response><x:href>/kantor/%2E%2E</x:href>
    <x:propstat><x:prop><x:resourcetype/></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
  <x:response><x:href>/kantor/a%2Fb</x:href>
    <x:propstat><x:prop><x:resourcetype/></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
</x:multistatus>"#;
    assert_eq!(
        names(xml),
        [
            "Bérkas 1.ldsync",
            "a<b>&c.ldsync",
            "café 1.ldsync",
            "di-pecah.ldsync",
        ]
    );
    let cdata = entries(xml)
        .expect("listing")
        .into_iter()
        .find(|e| e.name == "a<b>&c.ldsync");
    assert_eq!(
        cdata,
        Some(Entry {
            name: "a<b>&c.ldsync".into(),
            size: Some(10),
            etag: None,
            modified: None,
        })
    );
}

#[test]
fn a_property_the_server_answered_404_for_is_not_taken() {
    // Apache's way: the resourcetype it lacks comes back under 404; the trailing slash then
    // decides, and a size under 404 is no size.
    let xml = r#"<D:multistatus xmlns:D="DAV:">
  <D:response><D:href>/f/a.ldsync</D:href>
    <D:propstat><D:prop><D:getcontentlength>99</D:getcontentlength><D:resourcetype><D:collection/></D:resourcetype></D:prop>
    <D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>
  <D:response><D:href>/f/sub/</D:href>
    <D:propstat><D:prop/><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
</D:multistatus>"#;
    let listed = entries(xml).expect("listing");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "a.ldsync");
    assert_eq!(listed[0].size, None);
}

#[test]
fn what_is_not_a_listing_is_refused_with_a_reason() {
    let refused = |xml: &str| match entries(xml) {
        Err(e @ NetError::BadListing(_)) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    // An HTML error page from a captive portal, cut XML, another root, no namespace.
    assert!(refused("<html><body>Login Wi-Fi</body></html>").contains("tidak terbaca"));
    refused(r#"<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a"#);
    refused(r#"<D:error xmlns:D="DAV:"/>"#);
    refused("<multistatus><response><href>/a</href></response></multistatus>");
    // Entity expansion ("billion laughs") is never attempted: a DTD is refused.
    refused(
        r#"<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>/k/&b;</D:href></D:response></D:multistatus>"#,
    );
    // An empty folder is a listing, not an error.
    assert_eq!(
        entries(r#"<D:multistatus xmlns:D="DAV:"/>"#).expect("empty"),
        vec![]
    );
}
