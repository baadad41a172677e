//! Tools with no knowledge of the site (no IO except `locks`, no clock).

pub mod hash;
pub mod html;
pub mod identity;
pub mod locks;
pub mod slug;
