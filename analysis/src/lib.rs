//! Free-text redaction and theming (placeholder until issue 3 lands).
