//! Reading a WebDAV PROPFIND answer (RFC 4918 `multistatus`) with a real XML parser
//! (`roxmltree`: namespaces by URI whatever their prefix, entities, numeric character
//! references and CDATA handled, no DTD accepted, so no entity expansion). What the servers
//! offices meet write is kept as fixtures in `tests/fixtures/webdav/` (rclone, nginx with
//! dav-ext, Apache mod_dav, captured from the real servers).

use percent_encoding::percent_decode_str;
use roxmltree::{Document, Node};

use super::NetError;

const DAV: &str = "DAV:";

/// One file in a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file's name, percent-decoded.
    pub name: String,
    /// `getcontentlength`, when the server gave it.
    pub size: Option<u64>,
    /// `getetag`, when the server gave it (changes whenever the file does).
    pub etag: Option<String>,
    /// `getlastmodified` as the server wrote it (an HTTP date).
    pub modified: Option<String>,
}

/// The files of a Depth-1 PROPFIND answer: every response that is not a collection (by its
/// `resourcetype`, or a trailing `/` when the server left that out), named by the last segment
/// of its `href` (a path or a full URL). The folder itself and its subfolders are left out,
/// and so is a name no file can have here (empty, `.`, `..`, or holding a slash once decoded).
pub fn entries(xml: &str) -> Result<Vec<Entry>, NetError> {
    let doc = Document::parse(xml).map_err(|e| NetError::BadListing(e.to_string()))?;
    let root = doc.root_element();
    if !is_dav(root, "multistatus") {
        return Err(NetError::BadListing(format!(
            "unsur akar <{}> bukan multistatus",
            root.tag_name().name()
        )));
    }
    let mut files = Vec::new();
    for response in root.children().filter(|n| is_dav(*n, "response")) {
        let Some(href) = child(response, "href").map(text_of) else {
            continue;
        };
        let path = path_of(href.trim());
        // Properties count only from a propstat the server answered 200 for.
        let found: Vec<Node> = response
            .children()
            .filter(|n| is_dav(*n, "propstat"))
            .filter(|p| child(*p, "status").is_some_and(|s| status_ok(&text_of(s))))
            .filter_map(|p| child(p, "prop"))
            .collect();
        let prop = |name: &str| found.iter().find_map(|p| child(*p, name));
        let collection = match prop("resourcetype") {
            Some(kind) => child(kind, "collection").is_some(),
            None => path.ends_with('/'),
        };
        if collection || path.ends_with('/') {
            continue;
        }
        let Some(last) = path.rsplit('/').next() else {
            continue;
        };
        let name = percent_decode_str(last).decode_utf8_lossy().into_owned();
        if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
            continue;
        }
        let value = |name: &str| {
            prop(name)
                .map(text_of)
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        files.push(Entry {
            name,
            size: value("getcontentlength").and_then(|t| t.parse().ok()),
            etag: value("getetag"),
            modified: value("getlastmodified"),
        });
    }
    Ok(files)
}

fn is_dav(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(DAV)
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| is_dav(*n, name))
}

/// All the text inside a node (an `href` may be split by CDATA or comments).
fn text_of(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// `HTTP/1.1 200 OK` and the like.
fn status_ok(status: &str) -> bool {
    status.split_whitespace().nth(1) == Some("200")
}

/// The path of an `href`: itself when it is a path, the part after the host when a full URL;
/// a query or fragment is dropped.
fn path_of(href: &str) -> &str {
    let path = match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => href,
    };
    path.split(['?', '#']).next().unwrap_or(path)
}
