//! What opening a WhatsApp chat means, computed without touching a phone: the `wa.me` link with
//! its percent-encoded text, and the apps to try in order (WhatsApp Business, WhatsApp, then the
//! plain link in a browser). The platform layer only carries these out.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::phone::WaNumber;

/// WhatsApp Business, the office's app; tried first.
pub const WHATSAPP_BUSINESS: &str = "com.whatsapp.w4b";
/// Plain WhatsApp, for officials who use their personal account.
pub const WHATSAPP: &str = "com.whatsapp";

/// Reports say WhatsApp trims prefilled texts above about 2,000 characters.
pub const LONG_TEXT_CHARS: usize = 2000;

/// RFC 3986 unreserved characters stay; everything else, `&`, `#`, `+`, `%`, newlines and
/// every byte of UTF-8 (emoji included), is percent-encoded.
const TEXT_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `https://wa.me/<digits>?text=<percent-encoded UTF-8>`.
pub fn wa_me_link(number: &WaNumber, text: &str) -> String {
    if text.is_empty() {
        return format!("https://wa.me/{}", number.digits());
    }
    format!(
        "https://wa.me/{}?text={}",
        number.digits(),
        utf8_percent_encode(text, TEXT_SET)
    )
}

/// One way to open the chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatTarget {
    /// `ACTION_VIEW` on the link, restricted to one installed app package.
    App { package: &'static str, uri: String },
    /// The link with no package: a browser, which hands over to WhatsApp Web or the app.
    Browser { uri: String },
}

impl ChatTarget {
    pub fn uri(&self) -> &str {
        match self {
            ChatTarget::App { uri, .. } | ChatTarget::Browser { uri } => uri,
        }
    }

    /// For the official: which way the chat was opened.
    pub fn label(&self) -> &'static str {
        match self {
            ChatTarget::App {
                package: WHATSAPP_BUSINESS,
                ..
            } => "WhatsApp Business",
            ChatTarget::App { .. } => "WhatsApp",
            ChatTarget::Browser { .. } => "tautan wa.me di peramban",
        }
    }
}

/// Everything needed to open one chat with a prefilled text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRequest {
    pub number: WaNumber,
    pub text: String,
    pub link: String,
    /// In order of preference.
    pub targets: Vec<ChatTarget>,
}

impl ChatRequest {
    pub fn new(number: WaNumber, text: impl Into<String>) -> ChatRequest {
        let text = text.into();
        let link = wa_me_link(&number, &text);
        let targets = vec![
            ChatTarget::App {
                package: WHATSAPP_BUSINESS,
                uri: link.clone(),
            },
            ChatTarget::App {
                package: WHATSAPP,
                uri: link.clone(),
            },
            ChatTarget::Browser { uri: link.clone() },
        ];
        ChatRequest {
            number,
            text,
            link,
            targets,
        }
    }

    /// Whether WhatsApp may cut the prefilled text.
    pub fn is_long(&self) -> bool {
        self.text.chars().count() > LONG_TEXT_CHARS
    }
}
