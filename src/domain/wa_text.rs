//! WhatsApp's own text marks, read the way WhatsApp draws them, so a preview in the app looks
//! like the bubble the resident will get: `*tebal*`, `_miring_`, `~coret~`. A mark counts only
//! in pairs on one line, hugging its text (no space just inside) and not inside a word (so
//! `5*3*2` and `nama_file_baru` stay as typed); marks may nest (`*_penting_*`). Anything else
//! is plain text, and the text of the runs is always the input minus the marks that were read.

/// A piece of text drawn one way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
}

/// The runs of `text`, in order; line breaks stay in the runs' text.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            push(&mut out, "\n", &Run::default());
        }
        let chars: Vec<char> = line.chars().collect();
        read(&chars, &Run::default(), &mut out);
    }
    out
}

/// Reads one line (or the inside of a pair) in `style`, appending to `out`.
fn read(chars: &[char], style: &Run, out: &mut Vec<Run>) {
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(end) = closing(chars, i) {
            push(out, &plain, style);
            plain.clear();
            let mut inner = style.clone();
            match c {
                '*' => inner.bold = true,
                '_' => inner.italic = true,
                _ => inner.strike = true,
            }
            read(&chars[i + 1..end], &inner, out);
            i = end + 1;
        } else {
            plain.push(c);
            i += 1;
        }
    }
    push(out, &plain, style);
}

/// Where the pair opened by the mark at `at` closes, if it is a mark that opens one.
fn closing(chars: &[char], at: usize) -> Option<usize> {
    let mark = chars[at];
    if !matches!(mark, '*' | '_' | '~') {
        return None;
    }
    let outside = |c: Option<&char>| c.is_none_or(|c| !c.is_alphanumeric());
    let opens = outside(at.checked_sub(1).and_then(|p| chars.get(p)))
        && chars
            .get(at + 1)
            .is_some_and(|c| !c.is_whitespace() && *c != mark);
    if !opens {
        return None;
    }
    (at + 2..chars.len()).find(|&end| {
        chars[end] == mark && !chars[end - 1].is_whitespace() && outside(chars.get(end + 1))
    })
}

/// Appends `text` in `style`, joined to the last run when drawn the same.
fn push(out: &mut Vec<Run>, text: &str, style: &Run) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last)
            if (last.bold, last.italic, last.strike)
                == (style.bold, style.italic, style.strike) =>
        {
            last.text.push_str(text)
        }
        _ => out.push(Run {
            text: text.to_string(),
            ..style.clone()
        }),
    }
}
