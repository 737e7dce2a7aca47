//! Reading a State Council holiday notice (filled in below).
