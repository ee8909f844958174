//! A borrowed view of the green tree for lowering: a node is a reference to
//! its green data plus its offset, so walking children allocates nothing
//! (rowan's red cursors allocate and reference-count every node and token
//! they hand out). Lowering visits each node a few times, so this matters.
//!
//! The few operations that need to leave a node (the next token after a
//! node's end, say) keep rowan's exact semantics by finding the red node
//! for a green one (`Ctx::red`), which only error recovery and rare
//! constructs need.

use rowan::{GreenNodeData, GreenTokenData, NodeOrToken, TextRange, TextSize};

use crate::kind::SyntaxKind;

fn kind_of(raw: rowan::SyntaxKind) -> SyntaxKind {
    SyntaxKind::from_raw(raw.0)
}

/// A node of the tree being lowered.
#[derive(Clone, Copy)]
pub(crate) struct Node<'g> {
    green: &'g GreenNodeData,
    offset: TextSize,
    /// The parent's green data and offset, if known.
    parent: Option<(&'g GreenNodeData, TextSize)>,
}

/// A token of the tree being lowered.
#[derive(Clone, Copy)]
pub(crate) struct Token<'g> {
    green: &'g GreenTokenData,
    offset: TextSize,
}

pub(crate) type Element<'g> = NodeOrToken<Node<'g>, Token<'g>>;

impl<'g> Node<'g> {
    pub(crate) fn root(green: &'g GreenNodeData, offset: TextSize) -> Node<'g> {
        Node { green, offset, parent: None }
    }

    pub(crate) fn green(&self) -> &'g GreenNodeData {
        self.green
    }

    pub(crate) fn kind(&self) -> SyntaxKind {
        kind_of(self.green.kind())
    }

    pub(crate) fn text_range(&self) -> TextRange {
        TextRange::at(self.offset, self.green.text_len())
    }

    /// Whether both are the same node of the tree.
    pub(crate) fn is_same(&self, other: &Node<'_>) -> bool {
        std::ptr::eq(self.green, other.green) && self.offset == other.offset
    }

    pub(crate) fn parent(&self) -> Option<Node<'g>> {
        self.parent.map(|(green, offset)| Node { green, offset, parent: None })
    }

    /// Child nodes and tokens, in order.
    pub(crate) fn children_with_tokens(&self) -> Children<'g> {
        Children {
            inner: self.green.children(),
            offset: self.offset,
            parent: (self.green, self.offset),
        }
    }

    /// Child nodes, in order.
    pub(crate) fn children(&self) -> impl Iterator<Item = Node<'g>> {
        self.children_with_tokens().filter_map(|e| e.into_node())
    }

    /// The first token, as rowan's `first_token` finds it: down the chain
    /// of first children (`None` if that chain ends in an empty node).
    pub(crate) fn first_token(&self) -> Option<Token<'g>> {
        // A first child starts where its parent does.
        let mut green = self.green;
        loop {
            match green.children().next()? {
                NodeOrToken::Node(n) => green = n,
                NodeOrToken::Token(t) => return Some(Token { green: t, offset: self.offset }),
            }
        }
    }

    /// The text of the node (the concatenated text of its tokens).
    pub(crate) fn text(&self) -> String {
        fn go(green: &GreenNodeData, out: &mut String) {
            for c in green.children() {
                match c {
                    NodeOrToken::Node(n) => go(n, out),
                    NodeOrToken::Token(t) => out.push_str(t.text()),
                }
            }
        }
        let mut out = String::with_capacity(usize::from(self.green.text_len()));
        go(self.green, &mut out);
        out
    }

    /// The text of a node made of exactly one token (`None` otherwise).
    pub(crate) fn single_token_text(&self) -> Option<&'g str> {
        let mut it = self.green.children();
        match (it.next(), it.next()) {
            (Some(NodeOrToken::Token(t)), None) => Some(t.text()),
            _ => None,
        }
    }
}

impl<'g> Token<'g> {
    pub(crate) fn kind(&self) -> SyntaxKind {
        kind_of(self.green.kind())
    }

    pub(crate) fn text(&self) -> &'g str {
        self.green.text()
    }

    pub(crate) fn text_range(&self) -> TextRange {
        TextRange::at(self.offset, self.green.text_len())
    }
}

/// The children of a node with their offsets.
pub(crate) struct Children<'g> {
    inner: rowan::Children<'g>,
    offset: TextSize,
    parent: (&'g GreenNodeData, TextSize),
}

impl<'g> Iterator for Children<'g> {
    type Item = Element<'g>;

    #[inline]
    fn next(&mut self) -> Option<Element<'g>> {
        let child = self.inner.next()?;
        let offset = self.offset;
        Some(match child {
            NodeOrToken::Node(green) => {
                self.offset += green.text_len();
                NodeOrToken::Node(Node { green, offset, parent: Some(self.parent) })
            }
            NodeOrToken::Token(green) => {
                self.offset += green.text_len();
                NodeOrToken::Token(Token { green, offset })
            }
        })
    }
}

/// What a walk over the tokens inside a node found.
enum Walk {
    /// A significant token starting (forwards) or ending (backwards) here.
    Found(TextSize),
    /// All tokens seen so far are insignificant; keep going.
    Continue,
    /// rowan's token walk would stop here (at an empty node).
    Stop,
}

/// The start of the first significant token inside `green`, walking tokens
/// in order the way rowan's `first_token`/`next_token` do.
fn first_sig(green: &GreenNodeData, offset: TextSize, is_sig: fn(SyntaxKind) -> bool) -> Walk {
    let mut off = offset;
    let mut any = false;
    for c in green.children() {
        any = true;
        match c {
            NodeOrToken::Token(t) => {
                if is_sig(kind_of(t.kind())) {
                    return Walk::Found(off);
                }
                off += t.text_len();
            }
            NodeOrToken::Node(n) => {
                match first_sig(n, off, is_sig) {
                    Walk::Continue => {}
                    other => return other,
                }
                off += n.text_len();
            }
        }
    }
    if any {
        Walk::Continue
    } else {
        Walk::Stop
    }
}

/// The end of the last significant token inside `green` (ending at `end`),
/// walking tokens backwards as rowan's `last_token`/`prev_token` do.
fn last_sig(green: &GreenNodeData, end: TextSize, is_sig: fn(SyntaxKind) -> bool) -> Walk {
    let mut off = end;
    let mut any = false;
    for c in green.children().rev() {
        any = true;
        match c {
            NodeOrToken::Token(t) => {
                if is_sig(kind_of(t.kind())) {
                    return Walk::Found(off);
                }
                off -= t.text_len();
            }
            NodeOrToken::Node(n) => {
                match last_sig(n, off, is_sig) {
                    Walk::Continue => {}
                    other => return other,
                }
                off -= n.text_len();
            }
        }
    }
    if any {
        Walk::Continue
    } else {
        Walk::Stop
    }
}

/// The range from the first to the last significant token of a node, when
/// both lie inside it; `None` when the red-tree walk would leave the node
/// or stop early (then the caller asks the red tree).
pub(crate) fn sig_range_inside(node: &Node<'_>, is_sig: fn(SyntaxKind) -> bool) -> Option<TextRange> {
    let Walk::Found(start) = first_sig(node.green, node.offset, is_sig) else {
        return None;
    };
    let Walk::Found(end) = last_sig(node.green, node.offset + node.green.text_len(), is_sig) else {
        return None;
    };
    Some(TextRange::new(start, end))
}
