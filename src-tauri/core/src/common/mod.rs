//! The ground floor: tools every area uses and that belong to none of them. Nothing here
//! knows a table or a domain area; everything above may use it.
//!
//! - `string_enum!`: a closed vocabulary stored and sent as snake_case text.
//! - `Lang`: the language something is written in, parsed once from a code.
//! - `text`: trimming and length checks of typed text, with the stable error codes.
//! - `moves`: status moves allowed by a table of (from, to) pairs.

mod enums;
mod lang;
pub mod moves;
pub mod text;

pub(crate) use enums::string_enum;
pub use lang::Lang;
