//! Turning the parser's events plus the lexer's tokens into a rowan green
//! tree. Trivia is attached here: it goes before the next significant token,
//! outside any node that starts at that token, so that a node's range starts
//! at its first real token.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rowan::{GreenNode, GreenToken, NodeOrToken};

type GreenElement = NodeOrToken<GreenNode, GreenToken>;

use crate::kind::SyntaxKind;
use crate::lexer::Token;
use crate::ast::lower::tree::{Flat, FlatBuilder};
use crate::parser::{is_parser_trivia, Event};

/// What the events are turned into: rowan's green tree, the flat tree
/// lowering walks, or both at once.
pub(crate) trait Sink<'a> {
    fn start_node(&mut self, kind: SyntaxKind);
    /// A token: `start..end` of `text` (the whole source).
    fn token(&mut self, kind: SyntaxKind, text: &'a str, start: u32, end: u32);
    fn finish_node(&mut self);
    /// The next token (or the end of the text) is at `offset`: the text
    /// before it that no token covered was trivia (see
    /// [`crate::lexer::lex_significant`]). Only the flat tree accepts
    /// tokens with such gaps; the green tree is lossless.
    #[inline]
    fn skip_to(&mut self, _offset: u32) {}
}

impl<'a> Sink<'a> for GreenBuilder<'a> {
    #[inline]
    fn start_node(&mut self, kind: SyntaxKind) {
        GreenBuilder::start_node(self, kind)
    }
    #[inline]
    fn token(&mut self, kind: SyntaxKind, text: &'a str, start: u32, end: u32) {
        GreenBuilder::token(self, kind, &text[start as usize..end as usize])
    }
    #[inline]
    fn finish_node(&mut self) {
        GreenBuilder::finish_node(self)
    }
}

impl<'a> Sink<'a> for FlatBuilder<'a> {
    #[inline]
    fn start_node(&mut self, kind: SyntaxKind) {
        FlatBuilder::start_node(self, kind)
    }
    #[inline]
    fn token(&mut self, kind: SyntaxKind, _text: &'a str, start: u32, end: u32) {
        FlatBuilder::token_at(self, kind, start, end)
    }
    #[inline]
    fn finish_node(&mut self) {
        FlatBuilder::finish_node(self)
    }
    #[inline]
    fn skip_to(&mut self, offset: u32) {
        FlatBuilder::skip_to(self, offset)
    }
}

impl<'a, A: Sink<'a>, B: Sink<'a>> Sink<'a> for (A, B) {
    #[inline]
    fn start_node(&mut self, kind: SyntaxKind) {
        self.0.start_node(kind);
        self.1.start_node(kind);
    }
    #[inline]
    fn token(&mut self, kind: SyntaxKind, text: &'a str, start: u32, end: u32) {
        self.0.token(kind, text, start, end);
        self.1.token(kind, text, start, end);
    }
    #[inline]
    fn finish_node(&mut self) {
        self.0.finish_node();
        self.1.finish_node();
    }
    #[inline]
    fn skip_to(&mut self, offset: u32) {
        self.0.skip_to(offset);
        self.1.skip_to(offset);
    }
}

/// The lossless green tree.
pub(crate) fn build_tree(text: &str, tokens: &[Token], events: Vec<Event>, type_comments: bool) -> GreenNode {
    let mut sink = GreenBuilder::new(tokens.len());
    replay(text, tokens, events, type_comments, &mut sink);
    sink.finish()
}

/// The flat tree alone (for lowering only).
pub(crate) fn build_flat<'a>(text: &'a str, tokens: &[Token], events: Vec<Event>, type_comments: bool) -> Flat<'a> {
    let mut sink = FlatBuilder::new(text, tokens.len() + events.len() / 2);
    replay(text, tokens, events, type_comments, &mut sink);
    sink.finish()
}

/// Both trees, from one pass over the events.
pub(crate) fn build_both<'a>(text: &'a str, tokens: &[Token], events: Vec<Event>, type_comments: bool) -> (GreenNode, Flat<'a>) {
    let mut sink = (GreenBuilder::new(tokens.len()), FlatBuilder::new(text, tokens.len() + events.len() / 2));
    replay(text, tokens, events, type_comments, &mut sink);
    (sink.0.finish(), sink.1.finish())
}

fn replay<'a, S: Sink<'a>>(text: &'a str, tokens: &[Token], mut events: Vec<Event>, type_comments: bool, sink: &mut S) {
    let mut b = Builder {
        text,
        tokens,
        next: 0,
        inner: sink,
        depth: 0,
        type_comments,
    };
    let mut chain: Vec<SyntaxKind> = Vec::new();
    for i in 0..events.len() {
        // Events are read in order; only the forward parents, met out of
        // order, are overwritten (with tombstones) once used.
        match events[i] {
            Event::Start { kind, forward_parent } => {
                chain.clear();
                chain.push(kind);
                let mut idx = i;
                let mut fp = forward_parent;
                while let Some(delta) = fp {
                    idx += delta.get() as usize;
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
}

struct Builder<'a, 's, S> {
    text: &'a str,
    tokens: &'s [Token],
    next: usize,
    inner: &'s mut S,
    depth: usize,
    type_comments: bool,
}

impl<'a, S: Sink<'a>> Builder<'a, '_, S> {
    #[inline]
    fn raw_token(&mut self) {
        let t = self.tokens[self.next];
        self.inner.token(t.kind, self.text, t.start, t.end);
        self.next += 1;
    }

    #[inline]
    fn trivia(&mut self) {
        while self.next < self.tokens.len() && is_parser_trivia(self.tokens[self.next].kind, self.type_comments) {
            self.raw_token();
        }
    }

    /// Where the next token starts (the end of the text after the last).
    #[inline]
    fn next_start(&self) -> u32 {
        self.tokens.get(self.next).map_or(self.text.len() as u32, |t| t.start)
    }

    fn start(&mut self, kind: SyntaxKind) {
        if self.depth > 0 {
            self.trivia();
            let at = self.next_start();
            self.inner.skip_to(at);
        }
        self.depth += 1;
        self.inner.start_node(kind);
    }

    fn finish(&mut self) {
        if self.depth == 1 {
            // The root holds everything, whatever the parser left unconsumed.
            while self.next < self.tokens.len() {
                self.raw_token();
            }
            self.inner.skip_to(self.text.len() as u32);
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

/// A green-tree builder for one parse. Like rowan's `GreenNodeBuilder` it
/// shares equal tokens and equal small nodes, but more cheaply: a token is
/// first compared with the last token of its kind (punctuation, keywords
/// and most whitespace repeat exactly), then looked up by text (only if
/// short: long comments and docstrings rarely repeat); a node of up to
/// three children is looked up by its kind and its children's identities
/// (pointers), without hashing subtrees. Sharing is invisible: trees
/// compare (`==`) by content.
struct GreenBuilder<'a> {
    parents: Vec<(SyntaxKind, usize)>,
    children: Vec<GreenElement>,
    last: Vec<Option<GreenToken>>,
    interned: HashMap<(SyntaxKind, &'a str), GreenToken, BuildHasherDefault<WordHasher>>,
    /// Small nodes by kind and the identities of their children (shared
    /// children make shared nodes: `x`, `self.x`, `()`, `pass`).
    nodes: HashMap<(SyntaxKind, [usize; 3]), GreenNode, BuildHasherDefault<WordHasher>>,
}

/// The identity of a green element (equal identities mean equal elements).
fn element_id(e: &GreenElement) -> usize {
    match e {
        NodeOrToken::Node(n) => &**n as *const rowan::GreenNodeData as usize,
        NodeOrToken::Token(t) => &**t as *const rowan::GreenTokenData as usize,
    }
}

/// Tokens longer than this are not interned.
const INTERN_MAX: usize = 32;

impl<'a> GreenBuilder<'a> {
    fn new(capacity: usize) -> GreenBuilder<'a> {
        GreenBuilder {
            parents: Vec::with_capacity(64),
            children: Vec::with_capacity(capacity.min(1 << 16)),
            last: vec![None; SyntaxKind::__LAST as usize],
            interned: HashMap::with_capacity_and_hasher(capacity / 16, Default::default()),
            nodes: HashMap::with_capacity_and_hasher(capacity / 16, Default::default()),
        }
    }

    fn token(&mut self, kind: SyntaxKind, text: &'a str) {
        let slot = &mut self.last[kind as usize];
        let token = match slot {
            Some(t) if t.text() == text => t.clone(),
            _ => {
                let token = if text.len() > INTERN_MAX {
                    GreenToken::new(kind.into(), text)
                } else {
                    self.interned.entry((kind, text)).or_insert_with(|| GreenToken::new(kind.into(), text)).clone()
                };
                *slot = Some(token.clone());
                token
            }
        };
        self.children.push(NodeOrToken::Token(token));
    }

    fn start_node(&mut self, kind: SyntaxKind) {
        self.parents.push((kind, self.children.len()));
    }

    fn finish_node(&mut self) {
        let (kind, first) = self.parents.pop().expect("a node to finish");
        let kids = &self.children[first..];
        let node = if (1..=3).contains(&kids.len()) {
            let mut ids = [0usize; 3];
            for (id, kid) in ids.iter_mut().zip(kids) {
                *id = element_id(kid);
            }
            match self.nodes.entry((kind, ids)) {
                Entry::Occupied(e) => {
                    self.children.truncate(first);
                    e.get().clone()
                }
                Entry::Vacant(e) => {
                    let node = GreenNode::new(kind.into(), self.children.drain(first..));
                    e.insert(node.clone());
                    node
                }
            }
        } else {
            GreenNode::new(kind.into(), self.children.drain(first..))
        };
        self.children.push(NodeOrToken::Node(node));
    }

    fn finish(mut self) -> GreenNode {
        match self.children.pop() {
            Some(NodeOrToken::Node(node)) if self.children.is_empty() => node,
            _ => panic!("the events build exactly one root node"),
        }
    }
}

/// A fast non-cryptographic hasher for short strings (a word at a time,
/// multiply and rotate).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(b as u64);
    }

    fn write_u16(&mut self, n: u16) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
