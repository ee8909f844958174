//! Developer tool: parse files, check losslessness, print the first error.
use std::io::BufRead;
fn main() {
    let stdin = std::io::stdin();
    let mut files = 0;
    let mut bad = 0;
    for line in stdin.lock().lines() {
        let path = line.unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let dec = pyx_syntax::source::decode(&bytes);
        let p = pyx_syntax::parse_with(&dec.text, pyx_syntax::ParseOptions { type_comments: true });
        files += 1;
        let tree_text = p.syntax_node().text().to_string();
        if tree_text != dec.text {
            println!("LOSSY {path}");
        }
        if let Some(e) = p.first_error() {
            bad += 1;
            let li = pyx_syntax::line_index::LineIndex::new(&dec.text);
            let (l, c) = li.line_col(e.range.start());
            println!("ERR {path}:{l}:{c}: {}", e.msg);
        }
    }
    eprintln!("{files} files, {bad} with errors");
}
