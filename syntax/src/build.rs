//! Turning the parser's events plus the lexer's tokens into a rowan green
//! tree. Trivia is attached here: it goes before the next significant token,
//! outside any node that starts at that token, so that a node's range starts
//! at its first real token.

use rowan::{GreenNode, GreenNodeBuilder};

use crate::kind::SyntaxKind;
use crate::lexer::Token;
use crate::parser::{is_parser_trivia, Event};

pub(crate) fn build_tree(text: &str, tokens: &[Token], mut events: Vec<Event>, type_comments: bool) -> GreenNode {
    let mut b = Builder {
        text,
        tokens,
        next: 0,
        inner: GreenNodeBuilder::new(),
        depth: 0,
        type_comments,
    };
    let mut chain: Vec<SyntaxKind> = Vec::new();
    for i in 0..events.len() {
        match std::mem::replace(&mut events[i], Event::Tombstone) {
            Event::Start { kind, forward_parent } => {
                chain.clear();
                chain.push(kind);
                let mut idx = i;
                let mut fp = forward_parent;
                while let Some(delta) = fp {
                    idx += delta as usize;
                    fp = match std::mem::replace(&mut events[idx], Event::Tombstone) {
                        Event::Start { kind, forward_parent } => {
                            chain.push(kind);
                            forward_parent
                        }
                        _ => unreachable!("a forward parent points at a start event"),
                    };
                }
                for &kind in chain.iter().rev() {
                    b.start(kind);
                }
            }
            Event::Finish => b.finish(),
            Event::Token => b.token(),
            Event::Tombstone => {}
        }
    }
    b.inner.finish()
}

struct Builder<'a> {
    text: &'a str,
    tokens: &'a [Token],
    next: usize,
    inner: GreenNodeBuilder<'static>,
    depth: usize,
    type_comments: bool,
}

impl Builder<'_> {
    fn raw_token(&mut self) {
        let t = self.tokens[self.next];
        self.inner
            .token(t.kind.into(), &self.text[t.start as usize..t.end as usize]);
        self.next += 1;
    }

    fn trivia(&mut self) {
        while self.next < self.tokens.len() && is_parser_trivia(self.tokens[self.next].kind, self.type_comments) {
            self.raw_token();
        }
    }

    fn start(&mut self, kind: SyntaxKind) {
        if self.depth > 0 {
            self.trivia();
        }
        self.depth += 1;
        self.inner.start_node(kind.into());
    }

    fn finish(&mut self) {
        if self.depth == 1 {
            // The root holds everything, whatever the parser left unconsumed.
            while self.next < self.tokens.len() {
                self.raw_token();
            }
        }
        self.depth -= 1;
        self.inner.finish_node();
    }

    fn token(&mut self) {
        self.trivia();
        if self.next < self.tokens.len() {
            self.raw_token();
        }
    }
}
