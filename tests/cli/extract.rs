//! `cancu extract` on real files.
