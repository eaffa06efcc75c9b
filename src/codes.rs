//! Codes stored as text: one enum per list, so a status, sender or kind is never a
//! string literal scattered through the code.

/// Declares a list of codes, optionally with their translation keys (both spelled out
/// literally so the locale tests can find every key).
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $key:literal;)+ }) => {
        $crate::codes::coded!($(#[$meta])* $name { $($variant => $code;)+ });

        impl $name {
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use coded;
