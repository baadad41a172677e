//! Mutexes that stay usable after a panic: the panic is reported where it
//! happened (a request thread of the preview server, a rayon task that the
//! caller re-raises), and what we guard — collections that are only
//! appended to, the server's last message — is never left half-changed.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `m`, poisoned or not.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The value inside `m`, poisoned or not.
pub fn into_inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(PoisonError::into_inner)
}
