//! What must never reach the output or be touched: hidden and scheduled
//! documents, personal data and unsafe content, URLs with two owners, user
//! files around the output folder, theme problems.

mod commit_kill;
mod disclosure;
mod output_safety;
mod safe_content;
mod schedule;
mod theme_check;
mod url_owners;
