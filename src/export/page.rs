//! What the offline HTML pages share: the document head and the script
//! prologue that counts the page's errors (the browser tests read it from
//! `body[data-errors]`).

/// `<!DOCTYPE html>` up to and including `<title>` (`title` is HTML
/// already escaped).
pub(crate) fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n"
    )
}

/// The head with its style, up to and including `<body>` and a `<header>`.
pub(crate) fn head_styled(title: &str, style: &str) -> String {
    format!("{}<style>{style}</style>\n</head>\n<body>\n<header>\n", head(title))
}

/// The opening of a page's script: a function that counts the page's
/// errors into `body[data-errors]`; the page's own script follows and
/// closes it.
pub(crate) const SCRIPT_OPENING: &str = "\n(function () {\n  var errors = 0;\n  \
window.addEventListener('error', function () { errors += 1; document.body.dataset.errors = String(errors); });\n  \
document.body.dataset.errors = '0';\n";
